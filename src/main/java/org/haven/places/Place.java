package org.haven.places;

import java.time.LocalDate;

/**
 * One administrative unit.
 *
 * @param code        the stable key records store: the NCDD code for Cambodia ({@code 01}, {@code 0102},
 *                    {@code 010201}, {@code 01020101}), ISO 3166-1 alpha-2 for a country ({@code TH}), ISO 3166-2 for a
 *                    province of another country ({@code TH-10})
 * @param countryCode ISO 3166-1 alpha-2
 * @param adminType   the unit's own type as the source names it (Khaet, Srok, Krong, Khan, Khum, Sangkat, Phum,
 *                    Province, State ...)
 * @param pathLatin   the ancestors' Latin names from the country down, separated by " › " (without this unit)
 * @param pathKm      the same in Khmer where known
 * @param validTo     {@code null} while the unit is current; otherwise the edition from which it no longer appears
 *                    (records pointing to it keep working)
 */
public record Place(String code, String countryCode, Level level, String adminType, String nameKm, String nameLatin,
        String parentCode, String pathLatin, String pathKm, LocalDate validTo) {

    public boolean current() {
        return validTo == null;
    }

    /** The name to show in a language: Khmer for {@code km} when known, otherwise Latin. */
    public String name(java.util.Locale locale) {
        boolean khmer = locale != null && "km".equals(locale.getLanguage());
        if (khmer && nameKm != null && !nameKm.isBlank()) {
            return nameKm;
        }
        return nameLatin != null && !nameLatin.isBlank() ? nameLatin : nameKm;
    }

    /** The ancestors' names in a language (Khmer path where known). */
    public String path(java.util.Locale locale) {
        boolean khmer = locale != null && "km".equals(locale.getLanguage());
        return khmer && pathKm != null && !pathKm.isBlank() ? pathKm : pathLatin;
    }
}
