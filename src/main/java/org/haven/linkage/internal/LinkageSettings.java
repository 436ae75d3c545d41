package org.haven.linkage.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-application linkage settings ({@code haven.linkage.*}).
 *
 * @param possibleThreshold score from which a pair is recorded as a candidate for review
 * @param minCell           smallest published count in the de-duplicated figures; smaller non-zero counts are shown
 *                          as suppressed
 * @param batchSize         survivors encoded per transaction by the backfill
 */
@ConfigurationProperties("haven.linkage")
public record LinkageSettings(@DefaultValue("0.8") double possibleThreshold, @DefaultValue("5") int minCell,
        @DefaultValue("200") int batchSize) {
}
