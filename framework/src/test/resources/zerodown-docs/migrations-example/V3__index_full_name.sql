-- CONCURRENTLY cannot run inside a transaction block, so this script runs outside one
create index concurrently users_full_name on users (full_name);
