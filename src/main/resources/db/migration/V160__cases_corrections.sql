-- Protection: corrections of records a caseworker could only add (docs/decisions/0004-case-record-corrections.md).
-- Episodes and needs assessments are edited and deleted under optimistic locking; an official identification
-- decision is corrected or voided with a reason (sealed) and never deleted; a care-plan goal's status changes with
-- an optional reason (required when dropped). Consents stay immutable apart from withdrawal.

alter table case_episode add column version integer not null default 0;
alter table case_episode add column updated_at timestamptz;

alter table case_needs_assessment add column version integer not null default 0;
alter table case_needs_assessment add column updated_at timestamptz;

alter table case_identification add column version integer not null default 0;
alter table case_identification add column corrected_at timestamptz;
alter table case_identification add column corrected_by uuid references app_user(id);
alter table case_identification add column correction_reason_sealed bytea;
alter table case_identification add column voided_at timestamptz;
alter table case_identification add column voided_by uuid references app_user(id);
alter table case_identification add column void_reason_sealed bytea;

alter table case_goal add column status_reason_sealed bytea;
alter table case_goal add column status_changed_at timestamptz;
alter table case_goal add column status_changed_by uuid references app_user(id);
