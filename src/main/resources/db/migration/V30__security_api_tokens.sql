-- API bearer tokens (security module). Only the SHA-256 hash of a token is stored: a database reader cannot use it.
create table api_token (
    id           uuid primary key,
    user_id      uuid        not null references app_user(id) on delete cascade,
    token_hash   char(64)    not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index api_token_user_idx on api_token (user_id);
