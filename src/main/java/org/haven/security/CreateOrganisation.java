package org.haven.security;

/** Request to create an organisation; {@code countryCode} is ISO 3166-1 alpha-2 ("KH", "TH"). */
public record CreateOrganisation(String name, OrganisationType type, String countryCode) {
}
