-- Protection: screening, identification decision, exploitation episodes, care, follow-ups, notes, attachments.

create table case_screening (
    id                  uuid primary key,
    case_id             uuid         not null references survivor_case(id),
    instrument_version  varchar(20)  not null,
    screened_on         date         not null,
    screened_by         uuid         references app_user(id),
    age_at_recruitment  integer,
    indicator_codes     text[]       not null,
    act_met             boolean      not null,
    means_met           boolean      not null,
    means_required      boolean      not null,
    purpose_met         boolean      not null,
    outcome             varchar(30)  not null,
    notes_sealed        bytea,
    created_at          timestamptz  not null default now()
);
create index case_screening_case_idx on case_screening (case_id);

-- The official identification decision, kept apart from any screening result.
create table case_identification (
    id                   uuid primary key,
    case_id              uuid         not null references survivor_case(id),
    decided_by_sealed    bytea        not null,
    authority            varchar(40)  not null,
    form                 varchar(60)  not null,
    decided_on           date         not null,
    outcome              varchar(40)  not null,
    recorded_by          uuid         references app_user(id),
    created_at           timestamptz  not null default now()
);
create index case_identification_case_idx on case_identification (case_id);

create table case_episode (
    id                  uuid primary key,
    case_id             uuid         not null references survivor_case(id),
    stage               varchar(20)  not null,
    started_on          date,
    ended_on            date,
    country_code        char(3)      not null,
    place_code          varchar(20),
    form                varchar(30),
    sector              varchar(60),
    means_codes         text[]       not null default '{}',
    recruiter_relation  varchar(30),
    notes_sealed        bytea,
    created_at          timestamptz  not null default now()
);
create index case_episode_case_idx on case_episode (case_id);
create index case_episode_recruitment_idx on case_episode (stage, started_on) where stage = 'RECRUITMENT';

create table case_needs_assessment (
    id             uuid primary key,
    case_id        uuid         not null references survivor_case(id),
    assessed_on    date         not null,
    needs          text[]       not null,
    notes_sealed   bytea,
    recorded_by    uuid         references app_user(id),
    created_at     timestamptz  not null default now()
);

create table case_goal (
    id             uuid primary key,
    case_id        uuid         not null references survivor_case(id),
    area           varchar(30)  not null,
    goal_sealed    bytea        not null,
    target_on      date,
    status         varchar(20)  not null,
    created_at     timestamptz  not null default now(),
    version        integer      not null default 0
);
create index case_goal_case_idx on case_goal (case_id);

create table case_service (
    id                    uuid primary key,
    case_id               uuid         not null references survivor_case(id),
    service_type          varchar(30)  not null,
    provider_org_id       uuid         references organisation(id),
    provider_name_sealed  bytea,
    started_on            date         not null,
    ended_on              date,
    funding_source        varchar(200),
    notes_sealed          bytea,
    recorded_by           uuid         references app_user(id),
    created_at            timestamptz  not null default now()
);
create index case_service_case_idx on case_service (case_id);

create table case_follow_up (
    id                uuid primary key,
    case_id           uuid         not null references survivor_case(id),
    months_after      integer      not null,
    due_on            date         not null,
    done_on           date,
    score_safety      smallint,
    score_wellbeing   smallint,
    score_economic    smallint,
    score_education   smallint,
    score_family      smallint,
    score_legal       smallint,
    notes_sealed      bytea,
    done_by           uuid         references app_user(id),
    version           integer      not null default 0
);
create index case_follow_up_due_idx on case_follow_up (due_on) where done_on is null;
create index case_follow_up_case_idx on case_follow_up (case_id);

create table case_note (
    id            uuid primary key,
    case_id       uuid         not null references survivor_case(id),
    author_id     uuid         references app_user(id),
    body_sealed   bytea        not null,
    created_at    timestamptz  not null default now()
);
create index case_note_case_idx on case_note (case_id);

create table case_attachment (
    id                uuid primary key,
    case_id           uuid         not null references survivor_case(id),
    file_name_sealed  bytea        not null,
    media_type        varchar(40)  not null,
    size_bytes        integer      not null,
    content_sealed    bytea        not null,
    uploaded_by       uuid         references app_user(id),
    created_at        timestamptz  not null default now()
);
create index case_attachment_case_idx on case_attachment (case_id);
