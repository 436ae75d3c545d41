package org.haven.security.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.shared.web.InvalidInput;
import org.springframework.validation.BindingResult;

/** Form records of the administration pages (never entities) and the mapping of errors to message keys. */
final class AdminForms {

    private AdminForms() {
    }

    record OrganisationForm(String name, OrganisationType type, String countryCode) {
        static OrganisationForm empty() {
            return new OrganisationForm("", null, "KH");
        }
    }

    record UserForm(String username, String displayName, UUID organisationId, Set<Role> roles, String password,
            String email) {
        static UserForm empty(UUID organisationId) {
            return new UserForm("", "", organisationId, Set.of(), "", "");
        }
    }

    record ContactForm(String email, String language) {
    }

    record RolesForm(Set<Role> roles) {
    }

    record PasswordForm(String password) {
    }

    /** Field name to message key; binding failures (bad enum, bad id) become {@code form.invalid}. */
    static Map<String, String> errors(BindingResult binding) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), "form.invalid"));
        return errors;
    }

    static Map<String, String> errors(InvalidInput e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(f -> errors.putIfAbsent(f.field() == null ? "form" : f.field(), f.code()));
        return errors;
    }
}
