/**
 * Protection: survivor case management. Owns survivors (identity sealed with the organisation's key, names
 * searchable only through keyed blind indexes), cases per organisation with their lifecycle, consent records,
 * access grants to other organisations, screening against versioned indicator instruments (kept apart from the
 * official identification decision), exploitation episodes, needs, care plans, services, follow-ups, notes and
 * attachments. Every read of survivor-level data is audited in the same transaction. Public API: {@link
 * org.haven.cases.CaseManagement}, {@link org.haven.cases.ConsentCheck}, {@link org.haven.cases.CaseSharing},
 * {@link org.haven.cases.CaseStatistics}, {@link org.haven.cases.CaseQueries}; publishes {@link
 * org.haven.cases.CaseOpened}, {@link org.haven.cases.CaseClosed} and {@link org.haven.cases.SurvivorIdentityChanged}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security", "places"})
package org.haven.cases;
