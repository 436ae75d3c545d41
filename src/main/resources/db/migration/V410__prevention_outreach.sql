-- Prevention: campaigns and outreach activities.
-- place_code is a code of the places module (Gazetteer), validated by the service; no foreign key, because places
-- are owned by another module and are never deleted anyway.

create table campaign (
    id               uuid         primary key,
    organisation_id  uuid         not null references organisation(id),
    name             varchar(200) not null,
    funder           varchar(200),
    approach         varchar(2000),
    start_date       date,
    end_date         date,
    created_by       uuid         not null references app_user(id),
    created_at       timestamptz  not null default now(),
    version          integer      not null default 0,
    check (end_date is null or start_date is null or end_date >= start_date)
);
create index campaign_org_idx on campaign (organisation_id);

create table outreach_activity (
    id               uuid         primary key,
    organisation_id  uuid         not null references organisation(id),
    campaign_id      uuid         references campaign(id),
    method           varchar(30)  not null check (method in ('DRAMA', 'ART', 'SCHOOL_SESSION', 'COMMUNITY_MEETING',
                                                              'TRAINING', 'RADIO_TV', 'SOCIAL_MEDIA', 'OTHER')),
    activity_date    date         not null,
    place_code       varchar(20)  not null,
    -- audience by sex (f, m, o) and age band (0-11, 12-17, 18-24, 25-59, 60+)
    f_0_11 integer not null default 0 check (f_0_11 >= 0),
    f_12_17 integer not null default 0 check (f_12_17 >= 0),
    f_18_24 integer not null default 0 check (f_18_24 >= 0),
    f_25_59 integer not null default 0 check (f_25_59 >= 0),
    f_60_plus integer not null default 0 check (f_60_plus >= 0),
    m_0_11 integer not null default 0 check (m_0_11 >= 0),
    m_12_17 integer not null default 0 check (m_12_17 >= 0),
    m_18_24 integer not null default 0 check (m_18_24 >= 0),
    m_25_59 integer not null default 0 check (m_25_59 >= 0),
    m_60_plus integer not null default 0 check (m_60_plus >= 0),
    o_0_11 integer not null default 0 check (o_0_11 >= 0),
    o_12_17 integer not null default 0 check (o_12_17 >= 0),
    o_18_24 integer not null default 0 check (o_18_24 >= 0),
    o_25_59 integer not null default 0 check (o_25_59 >= 0),
    o_60_plus integer not null default 0 check (o_60_plus >= 0),
    audience_total integer generated always as (f_0_11 + f_12_17 + f_18_24 + f_25_59 + f_60_plus
        + m_0_11 + m_12_17 + m_18_24 + m_25_59 + m_60_plus
        + o_0_11 + o_12_17 + o_18_24 + o_25_59 + o_60_plus) stored,
    facilitators     varchar(1000),
    materials        varchar(1000),
    -- free-text notes, sealed with the organisation's field key (FieldEncryption); never stored in clear
    notes_sealed     bytea,
    created_by       uuid         not null references app_user(id),
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    version          integer      not null default 0
);
create index outreach_activity_date_idx on outreach_activity (activity_date);
create index outreach_activity_place_idx on outreach_activity (place_code);
create index outreach_activity_org_idx on outreach_activity (organisation_id, activity_date desc);
