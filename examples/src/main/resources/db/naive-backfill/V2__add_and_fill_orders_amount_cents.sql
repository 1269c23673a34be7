-- ANTI-EXAMPLE: add the column and fill it in the same script, so in the same transaction: the
-- ACCESS EXCLUSIVE lock of the ALTER stays held until the UPDATE of every row commits, and one
-- transaction writes the whole table (locks, WAL burst, replication lag).
set lock_timeout = '500ms';

alter table orders add column amount_cents bigint;

update orders set amount_cents = total_cents;
