/**
 * Prosecution: proceedings from complaint to verdict (stage history with dates, so time in each stage is known),
 * suspects and offenders (identity sealed per organisation, identifiers searchable by blind index), charges against a
 * per-country statute catalogue mapped to Palermo and ACTIP elements, hearings with protective measures, victim and
 * witness links under the survivor's consent for legal proceedings, non-punishment alerts, verdicts, sentences and
 * compensation, training of officials, and attrition analytics. Survivors are referenced by case id only, through the
 * cases module's public API. Publishes {@link org.haven.prosecution.HearingScheduled} and
 * {@link org.haven.prosecution.NonPunishmentFlagRaised}. Every read of survivor- or suspect-level data is audited.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "security", "places", "cases"})
package org.haven.prosecution;
