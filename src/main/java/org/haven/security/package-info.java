/**
 * Organisations, users, roles and permissions; sign-in with a second factor; API tokens; field encryption keys; and
 * {@code AccessPolicy}, which answers "may this user do this to this record, for this purpose?" (default deny,
 * record-level rules contributed by the modules that own the records). Audits every security event through
 * {@code audit}.
 *
 * <p>Public API: {@link org.haven.security.CurrentUser} (the principal of every signed-in request),
 * {@link org.haven.security.AccessPolicy} with {@link org.haven.security.RecordAccessRule} beans that other modules
 * contribute, {@link org.haven.security.OrganisationManagement} and {@link org.haven.security.UserManagement}
 * (administration, with each administrator's reach enforced), {@link org.haven.security.UserContacts} (e-mail
 * addresses and languages of the users who hold a permission, for background notifiers), {@link org.haven.security.FieldEncryption}, and in the
 * {@code demo} profile {@link org.haven.security.DemoDirectory}: later modules' demo loaders inject it to find the
 * demo organisations by key ({@code "shelter"}, {@code "other-shelter"}, {@code "police"} ...) and act as demo users
 * ({@code user("shelter.caseworker")}); the organisations and users exist by the time it is injected. Owns the tables
 * {@code organisation}, {@code app_user}, {@code user_role}, {@code api_token} and the data-key tables. Publishes no
 * events yet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit"})
package org.haven.security;
