package org.haven.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reporting module ({@code haven.reporting.*}).
 *
 * @param minCell        smallest count published in any aggregate; counts 1..minCell-1 are suppressed (default 11)
 * @param k              smallest equivalence class allowed in a record-level export (default 11)
 * @param l              distinct exploitation types required in every equivalence class (default 2)
 * @param maxSuppression share of records the k-anonymity gate may drop before it generalises further (default 0.05)
 */
@ConfigurationProperties("haven.reporting")
public record ReportingSettings(@DefaultValue("11") int minCell, @DefaultValue("11") int k, @DefaultValue("2") int l,
        @DefaultValue("0.05") double maxSuppression) {

    public ReportingSettings {
        if (minCell < 1 || k < 1 || l < 1 || maxSuppression < 0 || maxSuppression > 1) {
            throw new IllegalArgumentException("haven.reporting: min-cell, k and l must be at least 1, "
                    + "max-suppression between 0 and 1");
        }
    }
}
