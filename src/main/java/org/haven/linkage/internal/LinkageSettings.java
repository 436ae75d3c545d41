package org.haven.linkage.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-application linkage settings ({@code haven.linkage.*}).
 *
 * @param possibleThreshold   similarity floor (weighted mean of the fields' Dice coefficients) below which a pair is
 *                            never a candidate
 * @param possibleProbability match probability (frequency-aware Fellegi–Sunter score) from which a pair is recorded as
 *                            a candidate for review and warned about at registration
 * @param duplicateRate       prior: the share of registrations that are people already registered somewhere
 * @param blockCap            blocking keys held by more encoded survivors than this are skipped (a very common key
 *                            adds no evidence); when every key of a survivor is that common, only its rarest is used,
 *                            at most this many others
 * @param minCell             smallest published count in the de-duplicated figures; smaller non-zero counts are shown
 *                            as suppressed
 * @param batchSize           survivors encoded per transaction by the backfill
 */
@ConfigurationProperties("haven.linkage")
public record LinkageSettings(@DefaultValue("0.8") double possibleThreshold,
        @DefaultValue("0.5") double possibleProbability, @DefaultValue("0.05") double duplicateRate,
        @DefaultValue("500") int blockCap, @DefaultValue("5") int minCell, @DefaultValue("500") int batchSize) {
}
