package org.haven.linkage.engine;

import java.util.Locale;
import java.util.Optional;

/** The person attributes the matcher understands; the CLI maps input columns onto them. */
public enum Attribute {
    GIVEN_NAME, FAMILY_NAME, FULL_NAME, BIRTH_DATE, BIRTH_YEAR, SEX, PHONE, ID_NUMBER, ADDRESS, LOCALITY, POSTCODE,
    REGION, COUNTRY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Attribute> fromLabel(String label) {
        for (Attribute a : values()) {
            if (a.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
