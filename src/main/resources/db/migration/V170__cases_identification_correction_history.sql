-- Protection: every correction of an official identification decision, not only the latest. Each row keeps who
-- corrected it, when, why (sealed with the organisation's key) and the decision as it read before the correction
-- (decided-by sealed). case_identification keeps the latest correction as before. Corrections made before this
-- migration are carried over with their reason; what they replaced was not kept then, so their previous values are
-- empty.

create table case_identification_correction (
    id                          uuid         primary key,
    identification_id           uuid         not null references case_identification(id),
    case_id                     uuid         not null references survivor_case(id),
    corrected_at                timestamptz  not null,
    corrected_by                uuid         references app_user(id),
    reason_sealed               bytea        not null,
    previous_decided_by_sealed  bytea,
    previous_authority          varchar(40),
    previous_form               varchar(60),
    previous_decided_on         date,
    previous_outcome            varchar(40)
);
create index case_identification_correction_idx on case_identification_correction (identification_id, corrected_at);
create index case_identification_correction_case_idx on case_identification_correction (case_id);

insert into case_identification_correction (id, identification_id, case_id, corrected_at, corrected_by, reason_sealed)
select md5(id::text || ':correction')::uuid, id, case_id, corrected_at, corrected_by, correction_reason_sealed
from case_identification
where corrected_at is not null and correction_reason_sealed is not null;
