package org.haven.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.haven.security.OrganisationType;
import org.haven.shared.web.InvalidInput;

/** Input rules for organisations and users, shared by the management services and {@link AccountSetup}. */
public final class AccountRules {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    /** Deliberately simple: one {@code @}, no spaces, a dot in the domain. The mail server has the last word. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    public static final int EMAIL_MAX = 254;
    public static final Set<String> LANGUAGES = Set.of("en", "km");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AccountRules() {
    }

    public static boolean validUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** An e-mail address as stored: trimmed, null when blank. */
    public static String normaliseEmail(String email) {
        return email == null || email.isBlank() ? null : email.trim();
    }

    /** Errors of an optional e-mail address (blank means none). */
    public static List<InvalidInput.FieldError> emailErrors(String email) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        String e = normaliseEmail(email);
        if (e != null && (e.length() > EMAIL_MAX || !EMAIL.matcher(e).matches())) {
            errors.add(new InvalidInput.FieldError("email", "user.email.invalid",
                    "Give a valid e-mail address (name@example.org, 254 characters at most) or leave it empty."));
        }
        return errors;
    }

    public static List<InvalidInput.FieldError> organisationErrors(String name, OrganisationType type, String countryCode) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new InvalidInput.FieldError("name", "organisation.name.required", "Give the organisation's name."));
        } else if (name.trim().length() > 200) {
            errors.add(new InvalidInput.FieldError("name", "organisation.name.tooLong", "The name is too long (200 characters at most)."));
        }
        if (type == null) {
            errors.add(new InvalidInput.FieldError("type", "organisation.type.required", "Choose the type of organisation."));
        }
        if (countryCode == null || !COUNTRIES.contains(countryCode.trim().toUpperCase(Locale.ROOT))) {
            errors.add(new InvalidInput.FieldError("countryCode", "organisation.country.invalid",
                    "Give the country as a two-letter ISO code, such as KH."));
        }
        return errors;
    }
}
