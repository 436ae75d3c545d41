/**
 * Reporting and data exchange: disclosure-controlled aggregates (cell suppression with complementary suppression),
 * a k-anonymity and l-diversity gate for record-level exports, de-identified exports in the CTDC global and HTCDS
 * v2.0 layouts, and imports of CTDC data into analysis tables kept apart from case data ({@code ctdc_*} tables).
 * Reads other modules only through their root-package APIs; publishes no events. Every export is recorded in the
 * module's export register and the audit trail.
 */
// Allowed: shared, audit, security, places, cases, prevention, prosecution, linkage (de-duplicated counts), referrals — each listed once it exists
// (Modulith refuses a dependency on a module that is not there).
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security", "places", "cases", "prevention", "prosecution", "referrals", "linkage"})
package org.haven.reporting;
