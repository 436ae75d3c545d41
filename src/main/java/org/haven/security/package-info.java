/**
 * Organisations, users, roles and permissions; sign-in with a second factor; API tokens; field encryption keys; and
 * {@code AccessPolicy}, which answers "may this user do this to this record, for this purpose?" (default deny,
 * record-level rules contributed by the modules that own the records). Audits every security event through
 * {@code audit}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package org.haven.security;
