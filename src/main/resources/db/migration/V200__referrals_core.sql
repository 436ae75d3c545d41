-- Referrals module: service directory, referrals between organisations, notifications, services delivered under a
-- referral and the steps of a cross-border return. No survivor identity is stored here: a referral names the case
-- by id and carries only the minimal summary (age band, sex) the receiver sees before accepting.

create table directory_service (
    id               uuid primary key,
    organisation_id  uuid         not null references organisation(id),
    service_type     varchar(40)  not null,
    places           text[]       not null default '{}',
    languages        text[]       not null default '{}',
    min_age          integer,
    max_age          integer,
    sexes            text[]       not null default '{}',
    hours            varchar(200),
    contact          varchar(200),
    capacity_total   integer,
    capacity_free    integer,
    capacity_updated_at timestamptz,
    active           boolean      not null default true,
    created_at       timestamptz  not null default now(),
    version          integer      not null default 0,
    unique (organisation_id, service_type)
);
create index directory_service_type_idx on directory_service (service_type) where active;

create table referral (
    id                 uuid primary key,
    case_id            uuid         not null references survivor_case(id),
    case_code          varchar(40)  not null,
    from_org_id        uuid         not null references organisation(id),
    to_org_id          uuid         not null references organisation(id),
    sent_by            uuid         not null references app_user(id),
    services           text[]       not null,
    reason             varchar(2000) not null,
    urgency            varchar(10)  not null,
    age_band           varchar(10)  not null,
    sex                varchar(20)  not null,
    consent_id         uuid,
    override_reason    varchar(2000),
    cross_border       boolean      not null default false,
    status             varchar(20)  not null,
    decline_reason     varchar(2000),
    grant_id           uuid,
    sent_at            timestamptz  not null default now(),
    respond_by         timestamptz  not null,
    responded_at       timestamptz,
    responded_by       uuid,
    closed_at          timestamptz,
    version            integer      not null default 0
);
create index referral_from_idx on referral (from_org_id, status);
create index referral_to_idx on referral (to_org_id, status);

create table referral_notification (
    id               uuid primary key,
    organisation_id  uuid         not null references organisation(id),
    referral_id      uuid         not null references referral(id),
    event            varchar(30)  not null,
    created_at       timestamptz  not null default now(),
    read_at          timestamptz
);
create index referral_notification_org_idx on referral_notification (organisation_id, created_at desc);

create table referral_delivery (
    id               uuid primary key,
    referral_id      uuid         not null references referral(id),
    service_type     varchar(40)  not null,
    delivered_on     date         not null,
    outcome          varchar(500),
    recorded_by      uuid         not null references app_user(id),
    created_at       timestamptz  not null default now()
);
create index referral_delivery_ref_idx on referral_delivery (referral_id);

create table referral_return_step (
    referral_id      uuid         not null references referral(id),
    step             varchar(30)  not null,
    position         integer      not null,
    responsible_org_id uuid       not null references organisation(id),
    status           varchar(20)  not null default 'PENDING',
    due_on           date,
    done_on          date,
    updated_by       uuid references app_user(id),
    updated_at       timestamptz,
    primary key (referral_id, step)
);
