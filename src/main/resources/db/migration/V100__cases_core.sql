-- Protection (cases module): survivors, cases, access grants, consent.
-- Identity, contact, exact location and all free text are AES-GCM sealed by the application (FieldEncryption,
-- per organisation of the owning case): columns named *_sealed are ciphertext. Names are searchable only through
-- keyed blind indexes (survivor_name_key). Gazetteer references are plain place codes (no foreign key).

create table survivor (
    id                   uuid primary key,
    organisation_id      uuid        not null references organisation(id),
    -- JSON of names, aliases, date of birth, contact, address, identity documents; sealed
    identity_sealed      bytea       not null,
    sex                  varchar(20) not null,
    gender               varchar(40),
    birth_year           integer,
    birth_year_estimated boolean     not null default false,
    nationality          char(3),
    languages            varchar(200),
    disability           varchar(40),
    origin_place_code    varchar(20),
    created_at           timestamptz not null default now(),
    version              integer     not null default 0
);
create index survivor_org_birth_idx on survivor (organisation_id, birth_year);

-- Keyed HMAC (hex) of normalised name tokens and whole-name keys; no plaintext names.
create table survivor_name_key (
    survivor_id  uuid        not null references survivor(id) on delete cascade,
    key_hash     varchar(128) not null,
    primary key (key_hash, survivor_id)
);
create index survivor_name_key_survivor_idx on survivor_name_key (survivor_id);

-- Which organisations let caseworkers see every case of the organisation (default: assigned cases only).
create table case_organisation_setting (
    organisation_id          uuid primary key references organisation(id),
    caseworkers_see_all      boolean not null default false
);

create table survivor_case (
    id                      uuid primary key,
    survivor_id             uuid         not null references survivor(id),
    organisation_id         uuid         not null references organisation(id),
    case_code               varchar(20)  not null unique,
    status                  varchar(20)  not null,
    assigned_caseworker_id  uuid         references app_user(id),
    risk_level              varchar(10)  not null,
    identified_on           date         not null,
    identification_channel  varchar(30)  not null,
    reintegration_started_on date,
    status_reason           varchar(40),
    status_note_sealed      bytea,
    closure_requested_by    uuid         references app_user(id),
    closure_requested_at    timestamptz,
    closure_reason          varchar(40),
    closed_at               timestamptz,
    closed_approved_by      uuid         references app_user(id),
    created_at              timestamptz  not null default now(),
    updated_at              timestamptz  not null default now(),
    version                 integer      not null default 0
);
create index survivor_case_org_status_idx on survivor_case (organisation_id, status);
create index survivor_case_caseworker_idx on survivor_case (assigned_caseworker_id);
create index survivor_case_survivor_idx on survivor_case (survivor_id);

create table case_consent (
    id                    uuid primary key,
    case_id               uuid         not null references survivor_case(id),
    scope                 varchar(30)  not null,
    recipient_org_id      uuid         references organisation(id),
    recipient_org_type    varchar(40),
    given_by              varchar(20)  not null,
    guardian_name_sealed  bytea,
    method                varchar(30)  not null,
    witness_name_sealed   bytea,
    given_on              date         not null,
    expires_on            date,
    withdrawn_at          timestamptz,
    withdrawn_by          uuid         references app_user(id),
    recorded_by           uuid         references app_user(id),
    created_at            timestamptz  not null default now(),
    version               integer      not null default 0
);
create index case_consent_case_idx on case_consent (case_id);

create table case_access_grant (
    id               uuid primary key,
    case_id          uuid         not null references survivor_case(id),
    organisation_id  uuid         not null references organisation(id),
    purpose          varchar(30)  not null,
    valid_from       date         not null,
    valid_to         date,
    consent_id       uuid         not null references case_consent(id),
    source           varchar(20)  not null,
    source_ref       uuid,
    revoked_at       timestamptz,
    created_at       timestamptz  not null default now()
);
create index case_access_grant_org_idx on case_access_grant (organisation_id, case_id);
create index case_access_grant_case_idx on case_access_grant (case_id);
