-- expand: a nullable column without default is a catalog-only change
set lock_timeout = '2s';
alter table customers add column full_name text;
