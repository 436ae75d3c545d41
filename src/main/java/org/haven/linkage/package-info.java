/**
 * Record linkage: finding the same person across records and organisations. Owns name normalisation for Khmer,
 * Thai, Burmese and Vietnamese names ({@code names}), the batch matching engine — blocking, field comparators,
 * Fellegi–Sunter scoring with EM-estimated weights, clustering ({@code engine}) — the privacy-preserving Bloom-filter
 * encodings ({@code privacy}) and the standalone {@code linkage run} command ({@code batch}). The batch engine uses
 * only the shared kernel, the JDK, ICU4J and commons-csv, so the command starts without Spring or a database.
 * Publishes no events yet.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security"})
package org.haven.linkage;
