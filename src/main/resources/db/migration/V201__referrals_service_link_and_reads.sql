-- A service recorded under a referral is also recorded on the shared case (case_service, owned by the cases module);
-- the referral keeps the link. Notifications are read per user, not per organisation: one colleague reading them
-- must not hide them from the others.
alter table referral_delivery add column case_service_id uuid;

create table referral_notification_read (
    notification_id  uuid         not null references referral_notification(id),
    user_id          uuid         not null references app_user(id),
    read_at          timestamptz  not null default now(),
    primary key (notification_id, user_id)
);
