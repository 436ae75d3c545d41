-- Record linkage in the application (issue 8, item 4). Owned by the linkage module.
--
-- linkage_encoding: per survivor, ONLY keyed Bloom-filter encodings of identifying fields (1000-bit filters stored as
-- 128 bytes; HMAC-SHA256 keyed with a key derived from the installation's blind-index root) and keyed 64-bit hashes of
-- the engine's blocking keys. No plaintext, nothing reversible without the key. birth_band (5-year band start) and sex
-- are coarse, low-risk blocking attributes; they are also stored (unencrypted) in the survivor table itself.
create table linkage_encoding (
    survivor_id      uuid        primary key,
    organisation_id  uuid        not null references organisation(id),
    survivor_version integer     not null,
    given_bloom      bytea,
    family_bloom     bytea,
    birth_bloom      bytea,
    sex_bloom        bytea,
    phone_bloom      bytea,
    id_number_bloom  bytea,
    blocking_keys    bigint[]    not null,
    birth_band       integer,
    sex              varchar(20),
    encoded_at       timestamptz not null default now()
);
create index linkage_encoding_blocking_idx on linkage_encoding using gin (blocking_keys);
create index linkage_encoding_org_idx on linkage_encoding (organisation_id);

-- Candidate pairs of survivors (survivor_a < survivor_b) scored on the encodings alone. The explanation is a JSON
-- object field -> level (AGREE, PARTIAL, DISAGREE, MISSING), computed from Dice coefficients of the filters.
create table linkage_candidate (
    id               uuid        primary key,
    survivor_a       uuid        not null,
    organisation_a   uuid        not null references organisation(id),
    survivor_b       uuid        not null,
    organisation_b   uuid        not null references organisation(id),
    score            numeric(5,4) not null,
    explanation      jsonb       not null,
    status           varchar(20) not null default 'PENDING'
                     check (status in ('PENDING', 'CONFIRMED', 'NOT_SAME', 'UNSURE')),
    decided_by       uuid references app_user(id),
    decided_org      uuid references organisation(id),
    decided_at       timestamptz,
    reason           varchar(500),
    found_at         timestamptz not null default now(),
    version          integer     not null default 0,
    constraint linkage_candidate_pair_uq unique (survivor_a, survivor_b),
    constraint linkage_candidate_order_ck check (survivor_a < survivor_b)
);
create index linkage_candidate_org_a_idx on linkage_candidate (organisation_a, status);
create index linkage_candidate_org_b_idx on linkage_candidate (organisation_b, status);
