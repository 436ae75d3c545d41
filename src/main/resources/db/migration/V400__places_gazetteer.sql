-- Places module: administrative units (Cambodia's NCDD gazetteer, countries of the region and their provinces),
-- their change history across gazetteer editions, and the editions imported.
-- Units are never deleted: a unit missing from a newer edition gets valid_to, so records pointing to it keep working.

create extension if not exists pg_trgm;

-- Folds a Latin-script place name to a key that romanisation variants share: lower case, no diacritics, no
-- administrative-type words, no spaces or punctuation, aspirates and common variant consonants merged
-- (kh/k, ph/p, th/t, ch/j/c, v/w), every run of vowels reduced to one 'a', doubled letters collapsed.
-- "Kompong Chhnang" and "Kampong Chhnang", "Phnum Penh" and "Phnom Penh", "Siemreap" and "Siem Reap",
-- "Ratanakiri" and "Ratanak Kiri" fold to the same key. Deliberately coarse: ranking also uses a lightly folded name.
create function places_fold_latin(name text) returns text
    language sql immutable strict parallel safe
as $$
    select regexp_replace(                                          -- doubled letters collapsed
             regexp_replace(                                        -- vowel runs -> 'a'
               translate(                                           -- j/c, q/k, v/w, z/s
                 replace(                                           -- aspirates: kh->k, ph->p, th->t, chh->c
                   regexp_replace(                                  -- spaces and punctuation dropped
                     regexp_replace(                                -- administrative-type words dropped
                       translate(regexp_replace(lower(normalize(name, NFD)), '[\u0300-\u036f]', '', 'g'),
                                 'đøłß', 'dols'),
                       '\m(province|khaet|khet|srok|khan|krong|khum|sangkat|phum|city|district|commune|village|capital)\M',
                       ' ', 'g'),
                     '[^a-z0-9]', '', 'g'),
                   'h', ''),
                 'jqvz', 'ckws'),
               '[aeiouy]+', 'a', 'g'),
             '([a-z])\1+', '\1', 'g')
$$;

-- Light fold for ranking: lower case, no diacritics, single spaces.
create function places_fold_light(name text) returns text
    language sql immutable strict parallel safe
as $$
    select trim(regexp_replace(regexp_replace(lower(normalize(name, NFD)), '[\u0300-\u036f]', '', 'g'),
                               '[^a-z0-9]+', ' ', 'g'))
$$;

-- Khmer key: zero-width characters and spaces removed (the NCDD files carry stray U+200B).
create function places_fold_khmer(name text) returns text
    language sql immutable strict parallel safe
as $$
    select regexp_replace(normalize(name, NFC), '[\s\u200b\u200c\u200d\ufeff]', '', 'g')
$$;

create table place (
    code          varchar(20)  primary key,
    country_code  char(2)      not null,
    level         varchar(10)  not null check (level in ('COUNTRY', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'VILLAGE')),
    -- the unit's own type as the source names it: Khaet, Reach Theani, Srok, Krong, Khan, Khum, Sangkat, Phum ...
    admin_type    varchar(60)  not null,
    admin_type_km varchar(60),
    parent_code   varchar(20)  references place(code),
    name_km       varchar(300),
    name_latin    varchar(300),
    -- "Cambodia › Banteay Meanchey Province › Mongkol Borei": ancestors' names, recomputed after each import
    path_latin    varchar(1200),
    path_km       varchar(1200),
    latin_key     text generated always as (places_fold_latin(coalesce(name_latin, ''))) stored,
    latin_light   text generated always as (places_fold_light(coalesce(name_latin, ''))) stored,
    khmer_key     text generated always as (places_fold_khmer(coalesce(name_km, ''))) stored,
    valid_from    date         not null,
    -- null while the unit is current; the edition date from which it no longer appears
    valid_to      date,
    -- the edition the row was last confirmed by
    edition       date         not null
);
create index place_parent_idx on place (parent_code);
create index place_level_idx on place (country_code, level);
create index place_latin_key_trgm on place using gin (latin_key gin_trgm_ops);
create index place_latin_light_trgm on place using gin (latin_light gin_trgm_ops);

create table place_change (
    id           bigserial    primary key,
    code         varchar(20)  not null references place(code),
    edition      date         not null,
    kind         varchar(20)  not null check (kind in ('ADDED', 'RENAMED', 'RECLASSIFIED', 'REPARENTED', 'RETIRED',
                                                        'REINSTATED')),
    old_value    varchar(700),
    new_value    varchar(700),
    recorded_at  timestamptz  not null default now()
);
create index place_change_code_idx on place_change (code);

create table gazetteer_edition (
    id            bigserial    primary key,
    country_code  char(2)      not null,
    edition       date         not null,
    source_name   varchar(300) not null,
    sha256        char(64)     not null,
    added         integer      not null,
    renamed       integer      not null,
    reclassified  integer      not null,
    reparented    integer      not null,
    retired       integer      not null,
    unchanged     integer      not null,
    imported_at   timestamptz  not null default now()
);
