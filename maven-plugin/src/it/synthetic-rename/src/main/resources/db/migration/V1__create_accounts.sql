create table accounts (
    id           bigserial primary key,
    display_name text not null,
    created_at   timestamptz not null default now()
);
