-- Prosecution module: proceedings from complaint to verdict, suspects, charges against a statute catalogue,
-- hearings, victim-witness links, verdicts and compensation, non-punishment alerts, notifications, trainings.
-- Survivors are referenced by their case id only (owned by the cases module, never joined here).

create table proceeding (
    id                     uuid primary key,
    owner_organisation_id  uuid         not null references organisation(id),
    country_code           char(2)      not null,
    province_code          varchar(10),
    court                  varchar(200),
    police_report_no       varchar(100),
    court_case_no          varchar(100),
    exploitation_form      varchar(40)  not null,
    stage                  varchar(20)  not null,
    stage_since            date         not null,
    complaint_on           date         not null,
    -- set while stage = DROPPED: why, and from which stage
    drop_reason            varchar(40),
    dropped_from           varchar(20),
    -- investigation details: sealed with the owning organisation's key, never shown to shelters
    evidence_notes_sealed  bytea,
    created_by             uuid         not null,
    created_at             timestamptz  not null default now(),
    updated_at             timestamptz  not null default now(),
    version                integer      not null default 0
);
create index proceeding_owner_idx on proceeding (owner_organisation_id);
create index proceeding_complaint_idx on proceeding (complaint_on, province_code);

-- Every stage a proceeding entered, with the date it entered it; time in a stage = next entry's date - this one's.
create table proceeding_stage_history (
    id             bigserial primary key,
    proceeding_id  uuid        not null references proceeding(id) on delete cascade,
    stage          varchar(20) not null,
    entered_on     date        not null,
    reason         varchar(40),
    reopening      boolean     not null default false,
    recorded_by    uuid        not null,
    recorded_at    timestamptz not null default now()
);
create index proceeding_stage_history_idx on proceeding_stage_history (proceeding_id, id);

-- Other organisations involved (police unit, prosecutor's office, court, legal aid): they see the proceeding.
create table proceeding_agency (
    proceeding_id    uuid        not null references proceeding(id) on delete cascade,
    organisation_id  uuid        not null references organisation(id),
    role             varchar(30) not null,
    primary key (proceeding_id, organisation_id)
);
create index proceeding_agency_org_idx on proceeding_agency (organisation_id);

-- Suspects and offenders: identity sealed with the recording organisation's key.
create table suspect (
    id                     uuid primary key,
    owner_organisation_id  uuid        not null references organisation(id),
    name_sealed            bytea       not null,
    aliases_sealed         bytea,
    nationality            char(2),
    sex                    varchar(10),
    birth_year             integer,
    -- a survivor who is also a suspect: drives the non-punishment alert
    linked_case_id         uuid,
    official               boolean     not null default false,
    official_agency        varchar(40),
    created_at             timestamptz not null default now(),
    version                integer     not null default 0
);
create index suspect_linked_case_idx on suspect (linked_case_id) where linked_case_id is not null;

create table suspect_identifier (
    id           uuid primary key,
    suspect_id   uuid        not null references suspect(id) on delete cascade,
    kind         varchar(20) not null,
    value_sealed bytea       not null,
    blind_index  varchar(128) not null
);
create index suspect_identifier_bidx on suspect_identifier (kind, blind_index);

-- A suspect in a proceeding, with the role in the scheme and (once decided) the verdict and sentence.
create table proceeding_defendant (
    proceeding_id    uuid        not null references proceeding(id) on delete cascade,
    suspect_id       uuid        not null references suspect(id),
    role             varchar(30) not null,
    verdict          varchar(20),
    verdict_on       date,
    prison_months    integer     check (prison_months >= 0),
    suspended        boolean,
    fine_amount      numeric(14,2) check (fine_amount >= 0),
    fine_currency    char(3),
    version          integer     not null default 0,
    primary key (proceeding_id, suspect_id)
);
create index proceeding_defendant_suspect_idx on proceeding_defendant (suspect_id);

create table charge (
    id              uuid primary key,
    proceeding_id   uuid        not null references proceeding(id) on delete cascade,
    suspect_id      uuid        not null references suspect(id),
    -- validated against the statute catalogue (classpath prosecution/statutes.csv)
    statute_code    varchar(40) not null,
    filed_on        date        not null,
    outcome         varchar(20) not null,
    reduced_to      varchar(40),
    version         integer     not null default 0
);
create index charge_proceeding_idx on charge (proceeding_id);
create index charge_suspect_idx on charge (suspect_id);

create table hearing (
    id                  uuid primary key,
    proceeding_id       uuid        not null references proceeding(id) on delete cascade,
    scheduled_at        timestamptz not null,
    court               varchar(200) not null,
    type                varchar(30) not null,
    outcome             varchar(30),
    survivor_testifies  boolean     not null default false,
    measures            varchar(200) not null default '',
    version             integer     not null default 0
);
create index hearing_proceeding_idx on hearing (proceeding_id, scheduled_at);

-- A survivor (case id) linked as victim or witness; case organisation and caseworker copied from cases at link time.
create table proceeding_victim (
    id                    uuid primary key,
    proceeding_id         uuid        not null references proceeding(id) on delete cascade,
    case_id               uuid        not null,
    case_organisation_id  uuid        not null,
    -- the case's caseworker when linked (notifications); null: the case organisation's caseworkers are told
    case_caseworker_id    uuid,
    role                  varchar(10) not null,
    -- safety concern codes (comma-separated), e.g. NO_CONTACT_WITH_DEFENDANT; no free text
    safety_concerns       varchar(200) not null default '',
    -- the survivor's decision about cooperating: never read by service eligibility
    cooperation           varchar(20) not null default 'UNDECIDED',
    cooperation_on        date,
    linked_by             uuid        not null,
    linked_at             timestamptz not null default now(),
    version               integer     not null default 0,
    unique (proceeding_id, case_id)
);
create index proceeding_victim_case_idx on proceeding_victim (case_id);
create index proceeding_victim_org_idx on proceeding_victim (case_organisation_id);

create table victim_support (
    id          uuid primary key,
    victim_id   uuid        not null references proceeding_victim(id) on delete cascade,
    kind        varchar(20) not null,
    given_on    date        not null,
    recorded_by uuid        not null
);

create table compensation (
    id             uuid primary key,
    proceeding_id  uuid          not null references proceeding(id) on delete cascade,
    victim_id      uuid          not null references proceeding_victim(id),
    suspect_id     uuid          not null references suspect(id),
    ordered_on     date          not null,
    amount         numeric(14,2) not null check (amount >= 0),
    currency       char(3)       not null
);
create table compensation_payment (
    id               uuid primary key,
    compensation_id  uuid          not null references compensation(id) on delete cascade,
    paid_on          date          not null,
    amount           numeric(14,2) not null check (amount > 0)
);

create table appeal (
    id             uuid primary key,
    proceeding_id  uuid        not null references proceeding(id) on delete cascade,
    suspect_id     uuid        references suspect(id),
    lodged_by      varchar(20) not null,
    lodged_on      date        not null,
    outcome        varchar(20),
    decided_on     date
);

-- Non-punishment: a survivor linked as a victim who is also a suspect somewhere. One open alert per pair.
create table non_punishment_alert (
    id            uuid primary key,
    case_id       uuid        not null,
    victim_id     uuid        not null references proceeding_victim(id) on delete cascade,
    suspect_id    uuid        not null references suspect(id) on delete cascade,
    raised_at     timestamptz not null default now(),
    resolved_at   timestamptz,
    unique (victim_id, suspect_id)
);

-- In-app notifications (ids and message keys only, no names).
create table prosecution_notification (
    id                 uuid primary key,
    recipient_user_id  uuid,
    recipient_org_id   uuid,
    recipient_role     varchar(40),
    kind               varchar(40) not null,
    proceeding_id      uuid        not null,
    subject_id         uuid,
    due_at             timestamptz,
    created_at         timestamptz not null default now(),
    read_at            timestamptz
);
create index prosecution_notification_user_idx on prosecution_notification (recipient_user_id, created_at desc);
create index prosecution_notification_org_idx on prosecution_notification (recipient_org_id, recipient_role, created_at desc);

create table official_training (
    id                    uuid primary key,
    organisation_id       uuid        not null references organisation(id),
    held_on               date        not null,
    province_code         varchar(10),
    place                 varchar(200),
    agency                varchar(30) not null,
    topics                varchar(400) not null,
    participants_female   integer     not null check (participants_female >= 0),
    participants_male     integer     not null check (participants_male >= 0),
    participants_other    integer     not null default 0 check (participants_other >= 0),
    recorded_by           uuid        not null,
    created_at            timestamptz not null default now()
);
