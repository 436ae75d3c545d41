package org.haven.reporting.anonymity;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The generalisation hierarchies used for CTDC-style quasi-identifiers. */
public final class Hierarchies {

    private Hierarchies() {
    }

    /** Year of registration: year, 5-year period, decade, any. A value already given as a band keeps its band. */
    public static Hierarchy year() {
        return new Hierarchy() {
            @Override
            public int levels() {
                return 4;
            }

            @Override
            public String generalise(String value, int level) {
                if (level >= 3) {
                    return ANY;
                }
                if (value == null || value.isEmpty() || level == 0 || !value.matches("\\d{4}")) {
                    return value == null ? "" : value;
                }
                int year = Integer.parseInt(value);
                int width = level == 1 ? 5 : 10;
                int from = year - Math.floorMod(year, width);
                return from + "-" + (from + width - 1);
            }

            @Override
            public String describe(int level) {
                return List.of("year", "5-year period", "decade", "suppressed").get(level);
            }
        };
    }

    private static final Map<String, String> AGE_L1 = Map.of("0--8", "0--17", "9--17", "0--17", "18--20", "18--29",
            "21--23", "18--29", "24--26", "18--29", "27--29", "18--29", "30--38", "30--47", "39--47", "30--47",
            "48+", "48+");

    /** CTDC age bands: as recorded, broad bands (0–17, 18–29, 30–47, 48+), minor/adult, any. */
    public static Hierarchy ageBroad() {
        return new Hierarchy() {
            @Override
            public int levels() {
                return 4;
            }

            @Override
            public String generalise(String value, int level) {
                if (level >= 3) {
                    return ANY;
                }
                if (value == null || value.isEmpty() || level == 0) {
                    return value == null ? "" : value;
                }
                String broad = AGE_L1.getOrDefault(value, value);
                if (level == 1) {
                    return broad;
                }
                return switch (broad) {
                    case "0--17", "Minor" -> "0--17";
                    case "18--29", "30--47", "48+", "Adult" -> "18+";
                    default -> ANY;
                };
            }

            @Override
            public String describe(int level) {
                return List.of("age band", "broad age band", "minor or adult", "suppressed").get(level);
            }
        };
    }

    /** A value or nothing (gender, for instance). */
    public static Hierarchy flat(String name) {
        return new Hierarchy() {
            @Override
            public int levels() {
                return 2;
            }

            @Override
            public String generalise(String value, int level) {
                return level >= 1 ? ANY : value == null ? "" : value;
            }

            @Override
            public String describe(int level) {
                return level == 0 ? name : "suppressed";
            }
        };
    }

    /** ISO 3166 alpha-3 country: country, UN sub-region, UN region, any. Region names pass through unchanged. */
    public static Hierarchy country() {
        Map<String, String[]> regions = unRegions();
        return new Hierarchy() {
            @Override
            public int levels() {
                return 4;
            }

            @Override
            public String generalise(String value, int level) {
                if (level >= 3) {
                    return ANY;
                }
                if (value == null || value.isEmpty() || level == 0) {
                    return value == null ? "" : value;
                }
                String[] r = regions.get(value);
                if (r == null) {
                    // already a region (coarse source data) or an unknown code: never pass an unknown code upwards
                    return value.length() == 3 && value.equals(value.toUpperCase()) ? "Other" : value;
                }
                return level == 1 ? r[1] : r[0];
            }

            @Override
            public String describe(int level) {
                return List.of("country", "UN sub-region", "UN region", "suppressed").get(level);
            }
        };
    }

    /** ISO3 → {UN region, UN sub-region}; unknown regions become "Other". */
    public static Map<String, String[]> unRegions() {
        return RegionTable.REGIONS;
    }

    /** ISO3 → ISO2. */
    public static Map<String, String> iso2() {
        return RegionTable.ISO2;
    }

    private static final class RegionTable {
        static final Map<String, String[]> REGIONS = new HashMap<>();
        static final Map<String, String> ISO2 = new HashMap<>();

        static {
            try (InputStream in = Hierarchies.class.getResourceAsStream("/reporting/un_regions.csv")) {
                for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String region = "NULL".equals(r.get("un_region")) ? "Other" : r.get("un_region");
                    String sub = "NULL".equals(r.get("un_sub_region")) ? "Other" : r.get("un_sub_region");
                    REGIONS.put(r.get("iso3"), new String[] {region, sub});
                    ISO2.put(r.get("iso3"), r.get("iso2"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
