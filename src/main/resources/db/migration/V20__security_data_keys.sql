-- Field encryption keys (security module, crypto). Data keys are random AES-256 keys, stored only wrapped
-- (AES-256-GCM) by the master key, which is never in the database. One ACTIVE data key per organisation encrypts;
-- RETIRED ones still decrypt. One BLIND_INDEX key (installation-wide) is the root of the per-domain HMAC keys for
-- blind indexes; it is wrapped by the master key too, so rotating the master key does not change any blind index.

create table data_key (
    id                      uuid         primary key,
    -- no foreign key: keys are created in their own transaction, which cannot see an organisation created in the
    -- caller's still-open transaction
    organisation_id         uuid,
    purpose                 varchar(20)  not null check (purpose in ('DATA', 'BLIND_INDEX')),
    wrapped_key             bytea        not null,
    -- which master key wrapped it (first 8 bytes of an HMAC of a fixed label, hex): a clear error for a wrong
    -- master key, and resumable master-key rotation
    master_key_fingerprint  varchar(16)  not null,
    status                  varchar(10)  not null check (status in ('ACTIVE', 'RETIRED')),
    created_at              timestamptz  not null default now(),
    retired_at              timestamptz,
    check ((purpose = 'DATA') = (organisation_id is not null))
);

create unique index data_key_one_active_per_org on data_key (organisation_id)
    where status = 'ACTIVE' and purpose = 'DATA';
create unique index data_key_one_blind_index_root on data_key (purpose) where purpose = 'BLIND_INDEX';
