-- Contract: v1 is retired and v2 never touches total_cents. One transaction, on purpose: v2's
-- inserts leave total_cents to the trigger, so the trigger may go only together with the column.
-- (Run as separate transactions, the first insert after the trigger is dropped fails with a
-- not-null violation: Zerodown reports it as failed-requests.)
set lock_timeout = '500ms';

alter table orders drop column total_cents;
drop trigger orders_sync_amount_cents on orders;
drop function orders_sync_amount_cents();
