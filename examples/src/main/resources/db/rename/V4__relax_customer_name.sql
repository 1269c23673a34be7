-- v4 stops writing customers.name, so its inserts must not need it: drop NOT NULL first.
-- Catalog-only: no scan, a brief lock.
set lock_timeout = '500ms';

alter table customers alter column name drop not null;
