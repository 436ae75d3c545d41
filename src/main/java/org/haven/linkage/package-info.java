/**
 * Record linkage: finding the same person across records and organisations. Owns name normalisation for Khmer,
 * Thai, Burmese and Vietnamese names ({@code names}), the batch matching engine — blocking, field comparators,
 * Fellegi–Sunter scoring with EM-estimated weights, clustering ({@code engine}) — the privacy-preserving Bloom-filter
 * encodings ({@code privacy}) and the standalone {@code linkage run} command ({@code batch}). The batch engine uses
 * only the shared kernel, the JDK, ICU4J and commons-csv, so the command starts without Spring or a database.
 * In the application ({@code internal}, {@code web}): listens to {@link org.haven.cases.CaseOpened} and keeps keyed
 * Bloom-filter encodings of survivors in {@code linkage_encoding} (identities read through the cases module's
 * {@link org.haven.cases.SurvivorIdentities}), records candidate pairs within and across organisations in
 * {@code linkage_candidate}, and offers the supervisors' review queue and the de-duplicated count through
 * {@link org.haven.linkage.RecordLinkage}; re-encodes on {@link org.haven.cases.SurvivorIdentityChanged}; warns at
 * registration ({@link org.haven.linkage.RegistrationCheck}, also the cases page's
 * {@link org.haven.cases.RegistrationAdvisor}); resolves suspects read through the prosecution module's public API
 * into people and draws the offender network ({@link org.haven.linkage.OffenderNetwork}, police and prosecutors only).
 * Publishes no events yet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security", "places", "cases", "prosecution"})
package org.haven.linkage;
