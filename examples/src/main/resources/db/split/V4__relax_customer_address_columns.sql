-- v4 stops writing the old address columns, so its inserts must not need them. Catalog-only.
set lock_timeout = '500ms';

alter table customers
    alter column street drop not null,
    alter column city drop not null,
    alter column postal_code drop not null,
    alter column country drop not null;
