-- Expand: the bigint column. No default, so nothing is rewritten: a catalog change under a
-- brief ACCESS EXCLUSIVE lock.
set lock_timeout = '500ms';

alter table orders add column amount_cents bigint;
