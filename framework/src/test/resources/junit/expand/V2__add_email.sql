-- expand: a nullable column without default is a catalog-only change (no backfill yet)
set lock_timeout = '2s';
alter table customers add column email text;
