/**
 * Prevention: campaigns and outreach activities (method, date, place down to village, audience by sex and age band,
 * facilitators, materials, sealed notes), their bulk upload from spreadsheets, the public safe-migration pages and
 * hotlines, the anonymous tip form with its triage queue, and targeting — where survivors were recruited against where
 * outreach has reached. Reads places through {@code places}' {@code Gazetteer} and recruitment counts through the
 * {@link org.haven.prevention.RecruitmentSource} port, implemented over {@code cases}' {@code CaseStatistics}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "security", "places", "cases"})
package org.haven.prevention;
