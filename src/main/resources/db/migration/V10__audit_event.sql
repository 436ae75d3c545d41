-- Audit trail (audit module): append-only, hash-chained events.
-- Each row's hash = SHA-256 over a canonical serialisation of its own fields and the previous row's hash
-- (see org.haven.audit.internal.AuditHashing). Ids are assigned by AuditLog as last_id + 1 under the chain-head
-- row lock, so they are gapless and in chain order; the bigserial default is only a fallback.
-- No foreign keys: the trail must outlive the users, organisations and records it names.

create table audit_event (
    id                    bigserial    primary key,
    occurred_at           timestamptz  not null,
    actor_user_id         uuid,
    actor_username        varchar(100),
    actor_organisation_id uuid,
    actor_roles           text[]       not null default '{}',
    action                varchar(100) not null,
    outcome               varchar(20)  not null,
    subject_type          varchar(50),
    subject_ids           text[]       not null default '{}',
    purpose               varchar(500),
    request_id            varchar(64),
    details               jsonb        not null default '{}',
    prev_hash             bytea        not null,
    hash                  bytea        not null
);

-- "Every event naming case X" (the access report): subject_ids @> array['X'].
create index audit_event_subject_ids_idx on audit_event using gin (subject_ids);
create index audit_event_actor_idx on audit_event (actor_user_id, id);

-- The chain head: one row holding the last event's id and hash. Writers lock it (SELECT ... FOR UPDATE) for the
-- rest of their transaction, which serialises chain appends; the verifier compares it with the last row, so a
-- deleted last row is detected too.
create table audit_chain_head (
    singleton  boolean primary key default true check (singleton),
    last_id    bigint  not null,
    last_hash  bytea   not null
);
insert into audit_chain_head (singleton, last_id, last_hash) values (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');
