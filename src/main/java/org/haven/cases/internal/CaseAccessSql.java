package org.haven.cases.internal;

/** SQL fragments shared by the access rule and the consent check. */
public final class CaseAccessSql {

    private CaseAccessSql() {
    }

    /** The SQL condition "this consent row {@code c} covers recipient :org / :orgType for purpose scope :scope today". */
    public static final String CONSENT_COVERS = """
            c.withdrawn_at is null and c.given_on <= :today and (c.expires_on is null or c.expires_on >= :today)
            and ((c.scope = 'SHARING' and cast(:scope as varchar) = 'SHARING'
                   and (c.recipient_org_id = cast(:org as uuid) or (c.recipient_org_id is null and c.recipient_org_type = cast(:orgType as varchar))))
              or (c.scope = 'LEGAL_PROCEEDINGS' and cast(:scope as varchar) = 'LEGAL_PROCEEDINGS'
                   and (c.recipient_org_id = cast(:org as uuid) or (c.recipient_org_id is null
                        and (c.recipient_org_type = cast(:orgType as varchar) or c.recipient_org_type is null))))
              or (c.scope = 'STATISTICS' and cast(:scope as varchar) = 'STATISTICS'))
            """;

}
