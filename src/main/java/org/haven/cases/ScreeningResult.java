package org.haven.cases;

import java.util.List;

/**
 * What a screening found: for each Palermo element (act, means, purpose) whether it is met, whether it was required,
 * the indicators that support it and the reason in plain words; the ILO forced-labour indicators observed; and the
 * overall outcome. A screening result is <em>not</em> an identification decision: only an authority identifies a
 * victim (see {@code CaseManagement.recordIdentification}).
 */
public record ScreeningResult(String instrumentVersion, Element act, Element means, Element purpose,
        List<String> forcedLabourIndicators, boolean child, Outcome outcome) {

    public ScreeningResult {
        forcedLabourIndicators = List.copyOf(forcedLabourIndicators);
    }

    /** One Palermo element. {@code reasonKey} is a message key of i18n/cases; {@code reason} its English text. */
    public record Element(boolean met, boolean required, List<String> supportingCodes, String reasonKey,
            String reason) {
        public Element {
            supportingCodes = List.copyOf(supportingCodes);
        }
    }

    public enum Outcome {
        /** Every required element has at least one indicator: a presumed victim to refer for identification. */
        INDICATORS_MET,
        /** Some elements are supported, not all: gather more information. */
        PARTIAL,
        /** No element is supported. */
        NOT_MET
    }

    /** The elements that are required but not met, in the order act, means, purpose. */
    public List<String> missingElements() {
        java.util.ArrayList<String> missing = new java.util.ArrayList<>();
        if (act.required() && !act.met()) {
            missing.add("act");
        }
        if (means.required() && !means.met()) {
            missing.add("means");
        }
        if (purpose.required() && !purpose.met()) {
            missing.add("purpose");
        }
        return missing;
    }
}
