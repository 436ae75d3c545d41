package org.haven.prosecution;

import java.util.List;
import java.util.Map;

/**
 * Attrition of proceedings whose complaint fell in a year (and region): how many reached each step, why the dropped
 * ones fell out (by the stage they were at), the median days spent in each stage, and the same funnel by form of
 * exploitation. With {@code suppressed} true, counts from 1 to {@code threshold - 1} are {@code null} (shown as
 * "fewer than threshold"), and medians resting on fewer than {@code threshold} durations too.
 */
public record Attrition(int year, String countryCode, String provinceCode, boolean suppressed, int threshold,
        Funnel total, List<DropOut> dropOuts, Map<Stage, Double> medianDays, Map<ExploitationForm, Funnel> byForm) {

    /** Counts of proceedings; null when suppressed. */
    public record Funnel(Integer complaints, Integer investigations, Integer arrests, Integer prosecutions,
            Integer trials, Integer convictions, Integer acquittals, Integer dropped) {

        public List<Integer> steps() {
            return java.util.Arrays.asList(complaints, investigations, arrests, prosecutions, trials, convictions,
                    acquittals, dropped);
        }
    }

    public record DropOut(Stage fromStage, DropReason reason, Integer count) {
    }

    /** Names of the funnel steps in the order of {@link Funnel#steps()} (message keys {@code attrition.step.<name>}). */
    public static final List<String> STEPS = List.of("complaints", "investigations", "arrests", "prosecutions", "trials",
            "convictions", "acquittals", "dropped");
}
