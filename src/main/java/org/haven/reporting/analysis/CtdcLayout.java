package org.haven.reporting.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The two CTDC CSV layouts Haven reads, and how one row of each becomes an analysis record. Validation follows the
 * official dictionaries (the v2024 global codebook; the December 2022 victim–perpetrator dictionary).
 */
enum CtdcLayout {

    /** Global Synthetic Dataset (v2024 names; later files' {@code sectorOf*} names are accepted as synonyms). */
    GLOBAL,
    /** Global Victim–Perpetrator Synthetic Dataset (Dec 2022): regions only, majority status instead of age. */
    VICTIM_PERPETRATOR;

    static final List<String> GLOBAL_FLAGS = List.of("meansDebtBondageEarnings", "meansThreats",
            "meansAbusePsyPhySex", "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds",
            "meansExcessiveWorkHours", "meansWithholdDocs", "isForcedLabour", "isSexualExploit", "isOtherExploit",
            "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
            "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography",
            "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
            "recruiterRelationOther");

    private static final Set<String> AGE_BANDS = Set.of("0--8", "9--17", "18--20", "21--23", "24--26", "27--29",
            "30--38", "39--47", "48+");
    private static final Set<String> MONTHS = Set.of("0--12 (0-1 yr)", "13--24 (1-2 yrs)", "25+ (2+ yrs)");
    private static final Set<String> GLOBAL_GENDERS = Set.of("Man", "Woman", "Trans/Transgender/NonConforming");
    private static final Set<String> REGIONS = Set.of("Africa", "Americas/Oceania", "Asia", "Europe");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{3}");
    private static final List<String> VP_FLAGS = List.of("IP_Exploiter", "IP_RecruiterBroker",
            "IP_TransactionProcess", "IP_ControlAbuseKidnap");
    private static final List<String> VP_TEXT = List.of("IP_Gender", "IP_ageBroad", "IP_citizen_UNRegion",
            "IP_Relation", "IP_PayMoney");

    /** The layout of a file from its header, or null when it is neither. */
    static CtdcLayout detect(List<String> header) {
        if (header.contains("yearRegister") && header.contains("UN_COO_Region")) {
            return VICTIM_PERPETRATOR;
        }
        if (header.contains("yearOfRegistration") && header.contains("CountryOfExploitation")) {
            return GLOBAL;
        }
        return null;
    }

    /** A row that breaks the dictionary. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** One parsed row, ready to insert. */
    record Row(String yearLabel, Integer yearFrom, Integer yearTo, String gender, String ageBroad,
            String citizenship, String countryOfExploitation, String traffickMonths, Set<String> flags,
            Map<String, String> attributes) {
    }

    Row parse(Map<String, String> v) throws Malformed {
        String yearLabel = this == GLOBAL ? v.get("yearOfRegistration") : v.get("yearRegister");
        Integer from = null;
        Integer to = null;
        if (!yearLabel.isEmpty()) {
            var m = YEAR.matcher(yearLabel);
            if (!m.matches()) {
                throw new Malformed("year '" + yearLabel + "' is not a year or a band of years");
            }
            from = Integer.valueOf(m.group(1));
            to = m.group(2) == null ? from : Integer.valueOf(m.group(2));
            if (to < from) {
                throw new Malformed("year band '" + yearLabel + "' ends before it starts");
            }
        }
        Set<String> flags = new TreeSet<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (this == GLOBAL) {
            String gender = v.get("gender");
            check(gender.isEmpty() || GLOBAL_GENDERS.contains(gender), "gender", gender);
            String age = v.get("ageBroad").replace("\u2014", "--").replace("\u2013", "--");
            check(age.isEmpty() || AGE_BANDS.contains(age), "ageBroad", age);
            String cit = v.get("citizenship");
            check(cit.isEmpty() || COUNTRY.matcher(cit).matches(), "citizenship", cit);
            String coe = v.get("CountryOfExploitation");
            check(coe.isEmpty() || COUNTRY.matcher(coe).matches(), "CountryOfExploitation", coe);
            String months = v.getOrDefault("traffickMonths", "");
            check(months.isEmpty() || MONTHS.contains(months), "traffickMonths", months);
            for (String flag : GLOBAL_FLAGS) {
                String value = v.get(flag);
                if (value == null) {
                    value = v.getOrDefault(flag.replace("typeOfLabour", "sectorOfLabour")
                            .replace("typeOfSex", "sectorOfSex"), "");
                }
                if (binary(flag, value)) {
                    flags.add(flag);
                }
            }
            return new Row(yearLabel, from, to, gender, age, cit, coe, months, flags, attributes);
        }
        String gender = switch (v.get("gender")) {
            case "" -> "";
            case "Female" -> "Woman";
            case "Male" -> "Man";
            default -> throw new Malformed("gender '" + v.get("gender") + "' is not Female, Male or empty");
        };
        String age = switch (v.get("majorityStatus")) {
            case "" -> "";
            case "Minor" -> "0--17";
            case "Adult" -> "18+";
            default -> throw new Malformed("majorityStatus '" + v.get("majorityStatus") + "' is not Adult, Minor or empty");
        };
        String coo = v.get("UN_COO_Region");
        check(coo.isEmpty() || REGIONS.contains(coo), "UN_COO_Region", coo);
        String coe = v.get("UN_COE_Region");
        check(coe.isEmpty() || REGIONS.contains(coe), "UN_COE_Region", coe);
        for (String flag : List.of("isForcedLabour", "isSexualExploit")) {
            if (binary(flag, v.get(flag))) {
                flags.add(flag);
            }
        }
        for (String flag : VP_FLAGS) {
            if (binary(flag, v.get(flag))) {
                attributes.put(flag, "1");
            }
        }
        for (String text : VP_TEXT) {
            if (!v.get(text).isEmpty()) {
                attributes.put(text, v.get(text));
            }
        }
        return new Row(yearLabel, from, to, gender, age, coo, coe, "", flags, attributes);
    }

    /** Columns a file of this layout must have. */
    List<String> requiredColumns() {
        if (this == GLOBAL) {
            return List.of("yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation",
                    "isForcedLabour", "isSexualExploit", "isOtherExploit");
        }
        return List.of("yearRegister", "gender", "majorityStatus", "isForcedLabour", "isSexualExploit",
                "UN_COO_Region", "UN_COE_Region", "IP_Exploiter", "IP_Gender", "IP_ageBroad", "IP_citizen_UNRegion",
                "IP_Relation", "IP_PayMoney", "IP_RecruiterBroker", "IP_TransactionProcess", "IP_ControlAbuseKidnap");
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static boolean binary(String name, String value) throws Malformed {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value.equals("1")) {
            return true;
        }
        throw new Malformed(name + " '" + shorten(value) + "' is not 1 or empty");
    }

    private static void check(boolean ok, String name, String value) throws Malformed {
        if (!ok) {
            throw new Malformed(name + " '" + shorten(value) + "' is not in the code list");
        }
    }
}
