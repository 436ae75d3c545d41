package org.haven.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.security.internal.AccountRules;
import org.haven.security.internal.Directory;
import org.haven.security.internal.SecurityAudit;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations: creating, listing, enabling and disabling them. System administrators act on every organisation;
 * organisation administrators may only see their own and change nothing here. Every change is audited in the same
 * transaction. Callers act as the signed-in {@link CurrentUser}.
 */
@Service
public class OrganisationManagement {

    private final Directory directory;
    private final SecurityAudit audit;

    OrganisationManagement(Directory directory, SecurityAudit audit) {
        this.directory = directory;
        this.audit = audit;
    }

    /** Creates an organisation. System administrators only; the name must be unique (case-insensitive). */
    @Transactional
    public OrganisationSummary create(CreateOrganisation request) {
        requireSystemAdmin();
        List<InvalidInput.FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String name = request.name().trim();
        if (directory.organisationByName(name).isPresent()) {
            throw InvalidInput.of("name", "organisation.name.taken", "An organisation with this name exists already.");
        }
        UUID id = directory.insertOrganisation(name, request.type(), request.countryCode().trim().toUpperCase(Locale.ROOT));
        audit.adminChange("organisation", "organisation.create", id,
                Map.of("type", request.type().name(), "country", request.countryCode().trim().toUpperCase(Locale.ROOT)));
        return directory.organisation(id).orElseThrow();
    }

    /** Organisations within the caller's reach, by name. */
    @Transactional(readOnly = true)
    public ListPage<OrganisationSummary> list(int page, int size) {
        CurrentUser actor = requireAdmin();
        UUID only = actor.can(Permission.ADMIN_SYSTEM) ? null : actor.organisationId();
        return directory.organisations(only, Math.max(0, page), ListPage.clampSize(size));
    }

    /** One organisation; {@link NotFound} if it does not exist or is outside the caller's reach. */
    @Transactional(readOnly = true)
    public OrganisationSummary get(UUID id) {
        CurrentUser actor = requireAdmin();
        if (!actor.can(Permission.ADMIN_SYSTEM) && !actor.organisationId().equals(id)) {
            throw new NotFound("organisation");
        }
        return directory.organisation(id).orElseThrow(() -> new NotFound("organisation"));
    }

    /**
     * Enables or disables an organisation (system administrators only). The users of a disabled organisation cannot
     * sign in; their sessions end at the next request and their API tokens stop working.
     */
    @Transactional
    public OrganisationSummary setEnabled(UUID id, boolean enabled) {
        CurrentUser actor = requireSystemAdmin();
        OrganisationSummary org = directory.organisation(id).orElseThrow(() -> new NotFound("organisation"));
        if (!enabled && org.id().equals(actor.organisationId())) {
            throw new Forbidden("You cannot disable your own organisation.");
        }
        if (org.enabled() != enabled) {
            directory.setOrganisationEnabled(id, enabled);
            audit.adminChange("organisation", enabled ? "organisation.enable" : "organisation.disable", id, Map.of());
        }
        return directory.organisation(id).orElseThrow();
    }

    static List<InvalidInput.FieldError> validate(CreateOrganisation request) {
        return AccountRules.organisationErrors(request.name(), request.type(), request.countryCode());
    }

    static CurrentUser requireAdmin() {
        CurrentUser actor = CurrentUser.require();
        if (!actor.can(Permission.ADMIN_ORGANISATION)) {
            throw new Forbidden("Only administrators manage organisations and users.");
        }
        return actor;
    }

    static CurrentUser requireSystemAdmin() {
        CurrentUser actor = CurrentUser.require();
        if (!actor.can(Permission.ADMIN_SYSTEM)) {
            throw new Forbidden("Only system administrators manage organisations.");
        }
        return actor;
    }
}
