-- Contract: v1 is retired and v2 never reads total_cents. Each statement runs in a transaction of
-- its own (see the .sql.conf), so no strong lock outlives its statement; "if exists" makes a
-- re-run after a partial failure harmless. Safe only because V5 made total_cents nullable: once
-- the trigger is gone, v2's inserts leave it empty.
set lock_timeout = '500ms';

drop trigger if exists orders_sync_amount_cents on orders;

drop function if exists orders_sync_amount_cents();

alter table orders drop column if exists total_cents;
