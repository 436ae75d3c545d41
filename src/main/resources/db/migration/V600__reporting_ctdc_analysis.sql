-- CTDC data imported for analysis and comparison. Kept apart from case data: nothing here is a Haven survivor and
-- nothing joins these tables to the case tables.
create table ctdc_import (
    id            uuid primary key,
    -- SHA-256 of the file's bytes: the same file imported twice is recognised and not doubled
    file_sha256   text        not null unique,
    file_name     text        not null,
    layout        text        not null check (layout in ('GLOBAL', 'VICTIM_PERPETRATOR')),
    rows_imported integer     not null,
    rows_skipped  integer     not null,
    imported_at   timestamptz not null default now()
);

create table ctdc_victim (
    import_id               uuid    not null references ctdc_import (id) on delete cascade,
    -- line of the file (header = line 1): the natural key of a synthetic record, whose rows may repeat
    line_no                 integer not null,
    year_label              text,   -- as in the file: a year (2019) or a band (2014-2018)
    year_from               integer,
    year_to                 integer,
    gender                  text,   -- CTDC global vocabulary: Woman, Man, Trans/Transgender/NonConforming
    age_broad               text,   -- CTDC band; 0--17 / 18+ where the file only gives majority status
    citizenship             text,   -- ISO 3166 alpha-3, or UN region in the victim-perpetrator file
    country_of_exploitation text,
    traffick_months         text,
    flags                   text[]  not null default '{}', -- CTDC binary variables equal to 1 (v2024 names)
    attributes              jsonb   not null default '{}', -- remaining columns as given (perpetrator context)
    primary key (import_id, line_no)
);

create index ctdc_victim_year_gender on ctdc_victim (year_label, gender);
