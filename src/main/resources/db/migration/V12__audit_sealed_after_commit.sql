-- Audit trail (audit module): events are chained after they commit, not while their transaction runs.
--
-- Until now every audited transaction locked the single chain-head row from its first audit call to its commit, so
-- audited requests (every survivor-level read) ran one at a time. From this version an event is a plain insert, and
-- a background sealer (org.haven.audit.internal.AuditSealer, about once a second) appends committed events to the
-- hash chain kept in audit_seal. Which events have committed is decided with transaction ids, not row ids: each
-- event carries the id of the transaction that wrote it (xid), and every transaction older than the oldest one still
-- running (pg_snapshot_xmin) has finished, so the sealer can take all events with
-- sealed_below <= xid < xmin in (xid, id) order and know that no older transaction will add more.
-- See docs/decisions/0003-audit-sealed-after-commit.md.

alter table audit_event add column xid xid8 not null default '0';
alter table audit_event alter column xid set default pg_current_xact_id();
create index audit_event_xid_idx on audit_event (xid, id);

-- The chain: one row per sealed event, in chain order (seq, gapless from 1). hash = SHA-256 over the event's
-- canonical serialisation and prev_hash (org.haven.audit.internal.AuditHashing, unchanged).
create table audit_seal (
    seq        bigint primary key,
    event_id   bigint not null unique,
    prev_hash  bytea  not null,
    hash       bytea  not null
);

-- Existing events were chained in id order when written: their links move over unchanged.
insert into audit_seal (seq, event_id, prev_hash, hash) select id, id, prev_hash, hash from audit_event;
alter table audit_event drop column prev_hash, drop column hash;

-- Ids now come from the sequence (gaps where a transaction rolled back; chain order is seq, not id).
select setval(pg_get_serial_sequence('audit_event', 'id'), coalesce((select max(id) from audit_event), 0) + 1, false);

-- The head: last_id is now the last seal's seq. sealed_below: every event with a smaller xid is sealed or was never
-- committed. cluster_id: the database cluster whose transaction ids sealed_below counts in (after a restore into
-- another cluster the ids start elsewhere; the sealer then seals whatever is left by a full comparison once).
alter table audit_chain_head add column sealed_below xid8 not null default '1';
alter table audit_chain_head add column cluster_id text;

create or replace function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op;
end;
$$;

create trigger audit_seal_no_update_delete before update or delete on audit_seal
    for each row execute function audit_event_refuse_change();
create trigger audit_seal_no_truncate before truncate on audit_seal
    for each statement execute function audit_event_refuse_change();
