/**
 * The shared kernel: things every module may use and that depend on nothing else of Haven — the command-line
 * contract ({@code command}), the embedded-or-external PostgreSQL set-up ({@code database}), the {@link org.haven.shared.Actor}
 * seen by the audit trail, and small value types. It publishes no events and listens to none.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.haven.shared;
