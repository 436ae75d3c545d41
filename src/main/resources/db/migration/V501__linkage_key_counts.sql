-- Record linkage at scale (issue 8, item 4): frequency-aware weights and index-backed blocking.
--
-- linkage_key_count: how many encoded survivors carry each keyed 64-bit hash: blocking keys (what the registration
-- check and the encoder use to skip very common blocks) and name keys (agreement on a common name is weak evidence).
-- Key 0 is the number of encoded survivors. Only keyed hashes and counts: no name can be recovered without the key.
-- Maintained by the encoder in the same transaction as the encodings (serialised by its advisory lock).
create table linkage_key_count (
    key bigint  primary key,
    n   integer not null
);

-- Keyed 64-bit hashes of the normalised given and family name keys (for the frequency lookup above).
alter table linkage_encoding add column given_key bigint;
alter table linkage_encoding add column family_key bigint;

-- The GIN pending list is scanned by every query; the registration check must not pay for it.
alter index linkage_encoding_blocking_idx set (fastupdate = off);

-- Candidates of one survivor are looked up from either side.
create index linkage_candidate_b_idx on linkage_candidate (survivor_b);

-- Encodings written before this migration get their counts from the next re-encoding: mark them stale.
update linkage_encoding set survivor_version = -1;
