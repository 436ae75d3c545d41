-- Investigators' decisions on pairs of suspects proposed as the same person across proceedings (suspect_a <
-- suspect_b as PostgreSQL orders uuids). Suspects are the prosecution module's: ids only, no foreign key across
-- modules. CONFIRMED pairs are merged into one person in the offender network, NOT_SAME pairs never are (whatever
-- the score), UNSURE pairs stay proposed. The reason is seen by every investigator who can see both suspects.
create table linkage_suspect_decision (
    suspect_a    uuid         not null,
    suspect_b    uuid         not null,
    status       varchar(20)  not null check (status in ('CONFIRMED', 'NOT_SAME', 'UNSURE')),
    score        numeric(5,4),
    decided_by   uuid         not null references app_user(id),
    decided_org  uuid         not null references organisation(id),
    decided_at   timestamptz  not null default now(),
    reason       varchar(500),
    version      integer      not null default 0,
    primary key (suspect_a, suspect_b),
    constraint linkage_suspect_decision_order_ck check (suspect_a < suspect_b)
);
create index linkage_suspect_decision_b_idx on linkage_suspect_decision (suspect_b);
