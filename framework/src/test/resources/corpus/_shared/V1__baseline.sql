-- The shared baseline of the corpus: a few live tables with enough rows that locks, scans and
-- rewrites are measurable, one empty table and one partitioned table.
create type user_mood as enum ('happy', 'sad');

create table users (
    id         bigint primary key,
    email      text not null,
    name       varchar(50),
    score      numeric(10, 2),
    age        int,
    status     text,
    mood       user_mood,
    created_at timestamptz not null default now()
);
insert into users (id, email, name, score, age, status, mood)
select g, 'user' || g || '@example.com', 'name ' || g, g / 3.0, g % 90,
       case when g % 10 = 0 then 'inactive' else 'active' end,
       case when g % 2 = 0 then 'happy'::user_mood else 'sad'::user_mood end
from generate_series(1, 20000) g;
create index users_email_idx on users (email);

create table orders (
    id          bigint primary key,
    user_id     bigint not null,
    total_cents int not null,
    note        text
);
insert into orders (id, user_id, total_cents)
select g, (g % 20000) + 1, g % 1000 from generate_series(1, 20000) g;

-- a table without a primary key
create table events (
    id      bigint,
    payload text
);
insert into events select g, 'payload ' || g from generate_series(1, 20000) g;

-- an empty table
create table audit_log (
    id   bigserial primary key,
    at   timestamptz not null default now(),
    what text
);

create table measurements (
    taken_on date not null,
    value    int
) partition by range (taken_on);
create table measurements_2023 partition of measurements for values from ('2023-01-01') to ('2024-01-01');
create table measurements_2024 partition of measurements for values from ('2024-01-01') to ('2025-01-01');
insert into measurements select date '2023-01-01' + (g % 700), g from generate_series(1, 20000) g;

analyze;
