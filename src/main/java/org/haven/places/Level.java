package org.haven.places;

/** Administrative level of a {@link Place}, from the country down to Cambodia's villages (phum). */
public enum Level {
    COUNTRY, PROVINCE, DISTRICT, COMMUNE, VILLAGE;

    /** The level of an NCDD gazetteer row: 1 province (or capital), 2 district, 3 commune, 4 village. */
    public static Level ofNcdd(int level) {
        return switch (level) {
            case 1 -> PROVINCE;
            case 2 -> DISTRICT;
            case 3 -> COMMUNE;
            case 4 -> VILLAGE;
            default -> throw new IllegalArgumentException("NCDD level must be 1-4: " + level);
        };
    }

    /** Parses a request parameter ({@code village}, {@code VILLAGE}); blank means any level. */
    public static Level parseOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Level.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
