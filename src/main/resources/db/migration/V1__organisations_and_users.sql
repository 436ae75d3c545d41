-- Foundation: organisations, users and their roles (security module).
-- Versions: V1-V99 foundation (security, audit, web), V100+ cases, V200+ referrals, V300+ prosecution,
-- V400+ prevention, V500+ linkage, V600+ reporting.

create table organisation (
    id            uuid primary key,
    name          varchar(200) not null unique,
    type          varchar(40)  not null,
    country_code  char(2)      not null,
    enabled       boolean      not null default true,
    created_at    timestamptz  not null default now(),
    version       integer      not null default 0
);

create table app_user (
    id                     uuid primary key,
    organisation_id        uuid         not null references organisation(id),
    username               varchar(100) not null,
    display_name           varchar(200) not null,
    password_hash          varchar(255) not null,
    enabled                boolean      not null default true,
    -- second factor: TOTP secret encrypted with the master key; null until enrolled
    totp_secret            bytea,
    totp_enrolled_at       timestamptz,
    -- last accepted TOTP time step: a code is usable once
    totp_last_step         bigint,
    mfa_exempt             boolean      not null default false,
    preferred_language     varchar(10)  not null default 'en',
    failed_attempts        integer      not null default 0,
    locked_until           timestamptz,
    created_at             timestamptz  not null default now(),
    version                integer      not null default 0
);
create unique index app_user_username_uq on app_user (lower(username));
create index app_user_org_idx on app_user (organisation_id);

create table user_role (
    user_id  uuid        not null references app_user(id) on delete cascade,
    role     varchar(40) not null,
    primary key (user_id, role)
);
