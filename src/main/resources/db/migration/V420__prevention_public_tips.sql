-- Prevention: hotline numbers shown on the public pages, the organisations designated to triage tips, and tips.
-- Tips store no IP address, user agent or other network identifier of the reporter (tested): the reporter is known
-- only by what they chose to write. Free text and contact details are sealed (FieldEncryption) under the tip desk's
-- own key owner id (see TipDesk.KEY_OWNER), not under any one organisation's key, because several organisations may
-- be designated to triage.

create table hotline (
    id              uuid          primary key,
    name_en         varchar(200)  not null,
    name_km         varchar(200)  not null,
    phone           varchar(40)   not null,
    description_en  varchar(500),
    description_km  varchar(500),
    sort_order      integer       not null default 0,
    active          boolean       not null default true,
    updated_at      timestamptz   not null default now(),
    version         integer       not null default 0
);

create table tip_designation (
    organisation_id  uuid         primary key references organisation(id),
    designated_by    uuid         not null references app_user(id),
    designated_at    timestamptz  not null default now()
);

create table tip (
    id                  uuid          primary key,
    -- keyed HMAC (FieldEncryption.blindIndex) of the reference code given to the reporter; the code itself is not
    -- stored, so a database copy does not let anyone add to a tip
    reference_index     varchar(128)  not null unique,
    category            varchar(40)   not null check (category in ('FORCED_LABOUR', 'SEXUAL_EXPLOITATION',
                            'CHILD_RECRUITMENT_ARMED_GROUPS', 'ONLINE_SCAM_COMPOUND', 'DECEPTIVE_RECRUITMENT',
                            'CHILD_EXPLOITATION', 'FORCED_MARRIAGE', 'OTHER')),
    place_code          varchar(20),
    description_sealed  bytea         not null,
    contact_sealed      bytea,
    status              varchar(20)   not null default 'NEW'
                            check (status in ('NEW', 'REVIEWED', 'DISMISSED', 'CONVERTED')),
    -- what the tip became: a case or proceeding id, as text until those modules publish typed links
    converted_to        varchar(100),
    triaged_by          uuid          references app_user(id),
    triaged_by_org      uuid          references organisation(id),
    triaged_at          timestamptz,
    received_at         timestamptz   not null default now(),
    last_addition_at    timestamptz,
    version             integer       not null default 0
);
create index tip_status_idx on tip (status, received_at desc);

create table tip_addition (
    id           uuid         primary key,
    tip_id       uuid         not null references tip(id),
    text_sealed  bytea        not null,
    added_at     timestamptz  not null default now()
);
create index tip_addition_tip_idx on tip_addition (tip_id);
