package org.haven.security.web;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import org.haven.security.CreateOrganisation;
import org.haven.security.CreateUser;
import org.haven.security.ListPage;
import org.haven.security.OrganisationManagement;
import org.haven.security.OrganisationSummary;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.UserManagement;
import org.haven.security.UserSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administration API: organisations and users. Same services and rules as the pages; errors as problem+json
 * (400 with field errors, 403, 404 for records outside the caller's reach).
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminApiController {

    record OrganisationRequest(String name, OrganisationType type, String countryCode) {
    }

    record UserRequest(String username, String displayName, UUID organisationId, Set<Role> roles, String password,
            String email) {
    }

    record ContactRequest(String email, String language) {
    }

    record EnabledRequest(boolean enabled) {
    }

    record RolesRequest(Set<Role> roles) {
    }

    record PasswordRequest(String password) {
    }

    private final OrganisationManagement organisations;
    private final UserManagement users;

    AdminApiController(OrganisationManagement organisations, UserManagement users) {
        this.organisations = organisations;
        this.users = users;
    }

    @GetMapping("/organisations")
    ListPage<OrganisationSummary> organisations(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size) {
        return organisations.list(page, size);
    }

    @PostMapping("/organisations")
    ResponseEntity<OrganisationSummary> createOrganisation(@RequestBody OrganisationRequest request) {
        OrganisationSummary created = organisations.create(
                new CreateOrganisation(request.name(), request.type(), request.countryCode()));
        return ResponseEntity.created(URI.create("/api/v1/admin/organisations/" + created.id())).body(created);
    }

    @GetMapping("/organisations/{id}")
    OrganisationSummary organisation(@PathVariable UUID id) {
        return organisations.get(id);
    }

    @PutMapping("/organisations/{id}/enabled")
    OrganisationSummary setOrganisationEnabled(@PathVariable UUID id, @RequestBody EnabledRequest request) {
        return organisations.setEnabled(id, request.enabled());
    }

    @GetMapping("/users")
    ListPage<UserSummary> users(@RequestParam(required = false) UUID organisationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
        return users.list(organisationId, page, size);
    }

    @PostMapping("/users")
    ResponseEntity<UserSummary> createUser(@RequestBody UserRequest request) {
        UserSummary created = users.create(new CreateUser(request.username(), request.displayName(),
                request.organisationId(), request.roles() == null ? Set.of() : request.roles(), request.password(),
                request.email()));
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.id())).body(created);
    }

    @GetMapping("/users/{id}")
    UserSummary user(@PathVariable UUID id) {
        return users.get(id);
    }

    @PutMapping("/users/{id}/enabled")
    UserSummary setUserEnabled(@PathVariable UUID id, @RequestBody EnabledRequest request) {
        return users.setEnabled(id, request.enabled());
    }

    @PutMapping("/users/{id}/roles")
    UserSummary assignRoles(@PathVariable UUID id, @RequestBody RolesRequest request) {
        return users.assignRoles(id, request.roles() == null ? Set.of() : request.roles());
    }

    @PutMapping("/users/{id}/contact")
    UserSummary setContact(@PathVariable UUID id, @RequestBody ContactRequest request) {
        return users.setContact(id, request.email(), request.language());
    }

    @PutMapping("/users/{id}/password")
    ResponseEntity<Void> setPassword(@PathVariable UUID id, @RequestBody PasswordRequest request) {
        users.setPassword(id, request.password());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/users/{id}/second-factor")
    UserSummary resetSecondFactor(@PathVariable UUID id) {
        return users.resetSecondFactor(id);
    }
}
