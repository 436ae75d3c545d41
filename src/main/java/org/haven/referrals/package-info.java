/**
 * Partnership between organisations: the service directory (what each organisation offers, where, for whom, with
 * free capacity), referrals of a survivor's case from one organisation to another (consent-checked, with an audited
 * override), access to the case that follows the referral through {@link org.haven.cases.CaseSharing} grants,
 * in-app notifications (and e-mail ones when a mail server is configured: it publishes
 * {@link org.haven.referrals.ReferralChanged} in the transaction of every change and its {@code ReferralMailer}
 * mails after commit, without survivor data), services delivered under a referral, the steps of a cross-border return and referral
 * indicators for supervisors. Public API: {@link org.haven.referrals.ServiceDirectory} and
 * {@link org.haven.referrals.ReferralManagement}. Stores no survivor identity: only case id, case code, age band, sex.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security", "places", "cases"})
package org.haven.referrals;
