-- Audit trail (audit module): refuse UPDATE, DELETE and TRUNCATE of audit_event for every role, including the
-- owner. Defence in depth next to the runtime role's missing privileges (docs/operations.md, "Audit trail"): a
-- superuser can still bypass it (session_replication_role = replica, or dropping the trigger), and the hash chain
-- then shows the change to `audit verify`.

create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end;
$$;

create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_refuse_change();
