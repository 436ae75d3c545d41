-- Protection: the name search now also uses pair keys (a blind index of each pair of a survivor's name tokens,
-- NameKeys.survivorKeys), so that a two-token name is one index range instead of an intersection of two. Survivors
-- written before this migration have no pair keys yet: they keep version 1 until the background re-keying
-- (NameIndex.backfill) has rewritten their keys from the sealed identity; until none is left, the search intersects
-- token keys as before. Rows written from now on are written with their pair keys (the default is 2).
alter table survivor add column name_keys_version smallint not null default 1;
alter table survivor alter column name_keys_version set default 2;
create index survivor_name_keys_stale_idx on survivor (id) where name_keys_version < 2;
