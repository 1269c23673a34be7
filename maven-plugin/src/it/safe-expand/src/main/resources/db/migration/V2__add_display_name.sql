-- expand: a nullable column without a default is a catalog-only change;
-- lock_timeout bounds the brief ACCESS EXCLUSIVE lock it needs
set lock_timeout = '2s';
alter table accounts add column display_name text;
