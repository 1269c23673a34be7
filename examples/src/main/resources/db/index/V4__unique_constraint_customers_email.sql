-- Then turn the index into a constraint: catalog-only, a brief ACCESS EXCLUSIVE lock.
set lock_timeout = '500ms';

alter table customers add constraint customers_email_key unique using index customers_email_key;
