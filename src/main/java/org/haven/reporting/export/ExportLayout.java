package org.haven.reporting.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.haven.reporting.anonymity.Hierarchies;
import org.haven.reporting.anonymity.Hierarchy;

/**
 * Record-level export layouts. Every value written comes from a fixed code list or a checked pattern: a value
 * outside it is written as empty, so nothing a source might carry by mistake (a name typed into a code field) can
 * pass through. Generalised quasi-identifiers come from the k-anonymity gate; suppressed ones ({@code *}) are
 * written as {@code *} in the CTDC layout and as empty in HTCDS (whose picklists have no such value).
 */
public enum ExportLayout {

    /** CTDC Global Synthetic Dataset layout (v2024 codebook, 27 variables). */
    CTDC,
    /** HTCDS v2.0 victim fields, with {@code ext_} columns for what HTCDS lacks (per the CTDC→HTCDS mapping). */
    HTCDS;

    static final List<String> CTDC_FLAGS = List.of("meansDebtBondageEarnings", "meansThreats",
            "meansAbusePsyPhySex", "meansFalsePromises", "meansDrugsAlcohol", "meansDenyBasicNeeds",
            "meansExcessiveWorkHours", "meansWithholdDocs", "isForcedLabour", "isSexualExploit", "isOtherExploit",
            "typeOfLabourAgriculture", "typeOfLabourConstruction", "typeOfLabourDomesticWork",
            "typeOfLabourHospitality", "typeOfSexProstitution", "typeOfSexPornography",
            "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
            "recruiterRelationOther");

    private static final Pattern YEAR = Pattern.compile("\\d{4}(-\\d{4})?");
    private static final Set<String> GENDERS = Set.of("Woman", "Man", "Trans/Transgender/NonConforming");
    private static final Set<String> AGES = Set.of("0--8", "9--17", "18--20", "21--23", "24--26", "27--29",
            "30--38", "39--47", "48+", "0--17", "18--29", "30--47", "18+");
    private static final Set<String> MONTHS = Set.of("0--12 (0-1 yr)", "13--24 (1-2 yrs)", "25+ (2+ yrs)");
    private static final Set<String> STATUSES = Set.of("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking",
            "NotAVictimOfTrafficking");

    private static final Map<String, String> HTCDS_GENDER = Map.of("Woman", "Feminine", "Man", "Masculine",
            "Trans/Transgender/NonConforming", "NonConforming");
    private static final Map<String, String> HTCDS_EXPLOITATION = Map.of("isForcedLabour", "ForcedLabour",
            "isSexualExploit", "SexualExploitation", "isOtherExploit", "Other");
    // CTDC v2024 merged several HTCDS methods into one flag; those cannot be split and go to Other (ext_ lists them)
    private static final Map<String, String> HTCDS_MEANS = Map.of("meansFalsePromises", "FalsePromises",
            "meansDrugsAlcohol", "PsychoactiveSubstance", "meansExcessiveWorkHours", "ExcessiveWorkingHours",
            "meansWithholdDocs", "WithholdsDocuments", "meansDebtBondageEarnings", "Other", "meansThreats", "Other",
            "meansAbusePsyPhySex", "Other", "meansDenyBasicNeeds", "Other");
    private static final Map<String, String> HTCDS_INDUSTRY = Map.of(
            "typeOfLabourAgriculture", "A_AgricultureForestryAndFishing", "typeOfLabourConstruction", "F_Construction",
            "typeOfLabourDomesticWork", "T_ActivitiesOfHouseholdsAsEmployers",
            "typeOfLabourHospitality", "I_AccommodationAndFoodServiceActivities");
    private static final Map<String, String> HTCDS_SEX = Map.of("typeOfSexProstitution", "Prostitution",
            "typeOfSexPornography", "Pornography");
    private static final Map<String, String> HTCDS_RELATION = Map.of("recruiterRelationFamily", "Familial",
            "recruiterRelationIntimatePartner", "Acquainted", "recruiterRelationFriend", "Acquainted",
            "recruiterRelationOther", "Acquainted");

    public List<String> header() {
        if (this == CTDC) {
            List<String> h = new ArrayList<>(List.of("yearOfRegistration", "gender", "ageBroad", "citizenship",
                    "CountryOfExploitation", "traffickMonths"));
            h.addAll(CTDC_FLAGS);
            return h;
        }
        return List.of("prs_Gender", "prs_Citizenship", "ext_CitizenshipRegion", "ext_AgeBroad",
                "ext_YearOfRegistration", "vic_TraffickingStatus", "vic_TypeOfExploitation", "vic_MethodsOfControl",
                "ext_CtdcMergedMeans", "vic_ForcedLabourIndustry", "vic_TypeOfSexExploitation",
                "vic_RelationshipToTrafficker", "hte_Type", "hte_Country", "ext_CountryOfExploitationRegion");
    }

    /** One output row for a released record and its generalised quasi-identifiers. */
    public List<String> row(VictimRecord r, Map<String, String> qi) {
        String year = checked(qi.get("yearOfRegistration"), v -> YEAR.matcher(v).matches());
        String gender = checked(qi.get("gender"), GENDERS::contains);
        String age = checked(qi.get("ageBroad"), AGES::contains);
        String cit = place(qi.get("citizenship"));
        String coe = place(qi.get("CountryOfExploitation"));
        if (this == CTDC) {
            List<String> row = new ArrayList<>(List.of(year, gender, age, cit, coe,
                    MONTHS.contains(r.traffickMonths()) ? r.traffickMonths() : ""));
            for (String flag : CTDC_FLAGS) {
                row.add(r.flags().contains(flag) ? "1" : "");
            }
            return row;
        }
        boolean citCountry = Hierarchies.iso2().containsKey(cit);
        boolean coeCountry = Hierarchies.iso2().containsKey(coe);
        List<String> merged = new ArrayList<>();
        for (String flag : List.of("meansDebtBondageEarnings", "meansThreats", "meansAbusePsyPhySex",
                "meansDenyBasicNeeds")) {
            if (r.flags().contains(flag)) {
                merged.add(flag);
            }
        }
        return List.of(
                HTCDS_GENDER.getOrDefault(gender, ""),
                citCountry ? Hierarchies.iso2().get(cit) : "",
                citCountry || cit.equals(Hierarchy.ANY) ? "" : cit,
                age.equals(Hierarchy.ANY) ? "" : age,
                year.equals(Hierarchy.ANY) ? "" : year,
                STATUSES.contains(r.traffickingStatus()) ? r.traffickingStatus() : "",
                codes(r, HTCDS_EXPLOITATION),
                codes(r, HTCDS_MEANS),
                String.join(";", merged),
                codes(r, HTCDS_INDUSTRY),
                codes(r, HTCDS_SEX),
                codes(r, HTCDS_RELATION),
                coe.isEmpty() ? "" : "Exploitation",
                coeCountry ? Hierarchies.iso2().get(coe) : "",
                coeCountry || coe.equals(Hierarchy.ANY) ? "" : coe);
    }

    private static String codes(VictimRecord r, Map<String, String> mapping) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        mapping.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> r.flags().contains(e.getKey()))
                .forEach(e -> seen.put(e.getValue(), true));
        return String.join(";", seen.keySet());
    }

    private static String checked(String value, java.util.function.Predicate<String> allowed) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return value.equals(Hierarchy.ANY) || allowed.test(value) ? value : "";
    }

    /** A country code, UN (sub-)region or {@code *}; anything else is dropped. */
    private static String place(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.equals(Hierarchy.ANY) || Hierarchies.unRegions().containsKey(value) || regionNames().contains(value)) {
            return value;
        }
        return "";
    }

    private static volatile Set<String> regionNames;

    private static Set<String> regionNames() {
        if (regionNames == null) {
            Set<String> names = new java.util.HashSet<>(Set.of("Other", "Americas/Oceania"));
            Hierarchies.unRegions().values().forEach(r -> {
                names.add(r[0]);
                names.add(r[1]);
            });
            regionNames = Set.copyOf(names);
        }
        return regionNames;
    }
}
