-- ANTI-EXAMPLE: a volatile default (a new value per row) cannot be stored once in the catalog:
-- PostgreSQL rewrites every row of orders under ACCESS EXCLUSIVE. A constant or now() would not.
set lock_timeout = '500ms';

alter table orders add column public_id uuid not null default gen_random_uuid();
