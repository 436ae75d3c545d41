package org.haven.prosecution;

import java.util.List;
import java.util.UUID;

/**
 * A suspect or offender as a police or prosecution user with full reach sees them (identity opened with the
 * recording organisation's key). {@code linkedCaseId} is set when the person is also a survivor with a case.
 */
public record Suspect(UUID id, int version, UUID ownerOrganisationId, String name, List<String> aliases,
        String nationality, String sex, Integer birthYear, boolean official, OfficialAgency officialAgency,
        UUID linkedCaseId, List<Identifier> identifiers, boolean nonPunishmentFlag) {

    /** The part a person plays in the scheme (HTCDS perpetrator roles). */
    public enum SchemeRole { RECRUITER, BROKER, TRANSPORTER, EXPLOITER, EMPLOYER, FACILITATING_OFFICIAL, OTHER }

    /** Where a complicit official serves. */
    public enum OfficialAgency { POLICE, MILITARY, IMMIGRATION, BORDER, JUDICIARY, LOCAL_AUTHORITY, LABOUR, OTHER }

    public enum IdentifierKind { PHONE, NATIONAL_ID, PASSPORT, SOCIAL_MEDIA, BANK_ACCOUNT, VEHICLE, OTHER }

    public record Identifier(IdentifierKind kind, String value) {
    }

    /** What is recorded about a new suspect. */
    public record RecordSuspect(String name, List<String> aliases, String nationality, String sex, Integer birthYear,
            Boolean official, OfficialAgency officialAgency, UUID linkedCaseId, List<Identifier> identifiers) {

        public RecordSuspect {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
            official = Boolean.TRUE.equals(official);
        }
    }

    /** Normalised form of an identifier for its blind index: digits only for phones and numbers, else lower case. */
    public static String normalise(IdentifierKind kind, String value) {
        String v = value.trim();
        return switch (kind) {
            case PHONE -> {
                String digits = v.replaceAll("[^0-9]", "");
                // Cambodian numbers written nationally (0xx...) and internationally (855xx...) are the same number
                yield digits.startsWith("855") ? "0" + digits.substring(3) : digits;
            }
            case NATIONAL_ID, PASSPORT, BANK_ACCOUNT, VEHICLE -> v.replaceAll("[\\s-]", "").toUpperCase();
            default -> v.toLowerCase();
        };
    }
}
