package org.haven.reporting.export;

import java.util.Set;

/**
 * One victim as the exports see it, before de-identification: only coded attributes, in CTDC vocabulary, plus an
 * opaque source id that is used for counting and audit and is never written to any export.
 *
 * @param sourceId             the source's id of the record (never exported)
 * @param year                 year of registration ({@code 2019}) or a band ({@code 2014-2018}); empty if unknown
 * @param gender               {@code Woman}, {@code Man}, {@code Trans/Transgender/NonConforming} or empty
 * @param ageBroad             CTDC age band at identification ({@code 30--38}), {@code 0--17}/{@code 18+}, or empty
 * @param citizenship          ISO 3166 alpha-3, a UN region name for coarse sources, or empty
 * @param countryOfExploitation same coding as citizenship
 * @param traffickMonths       CTDC duration band or empty
 * @param flags                the CTDC binary variables that are 1 for this person ({@code isForcedLabour},
 *                             {@code meansThreats}, {@code typeOfLabourConstruction}, …)
 * @param traffickingStatus    HTCDS trafficking status ({@code ActualVictimOfTrafficking} when screening met the
 *                             Palermo definition, {@code PossibleVictimOfTrafficking} otherwise) or empty
 */
public record VictimRecord(String sourceId, String year, String gender, String ageBroad, String citizenship,
        String countryOfExploitation, String traffickMonths, Set<String> flags, String traffickingStatus) {

    public VictimRecord {
        flags = Set.copyOf(flags);
    }

    /** The sensitive attribute for l-diversity: the set of exploitation types, in a fixed order. */
    public String exploitationType() {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"isForcedLabour", "isSexualExploit", "isOtherExploit"}) {
            if (flags.contains(f)) {
                sb.append(sb.isEmpty() ? "" : ";").append(f);
            }
        }
        return sb.toString();
    }
}
