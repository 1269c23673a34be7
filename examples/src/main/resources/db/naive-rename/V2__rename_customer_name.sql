-- ANTI-EXAMPLE: rename in place. One catalog change, a brief lock, lock_timeout set... and every
-- query of the version still in production ("select name from customers") fails from now on.
set lock_timeout = '500ms';

alter table customers rename column name to full_name;
