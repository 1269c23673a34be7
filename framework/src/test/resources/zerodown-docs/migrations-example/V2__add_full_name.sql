-- expand: a nullable column without a default only changes the catalog
alter table users add column full_name text;
