-- Contract: v1 is retired and v2 never touches total_cents. Each statement runs in its own
-- transaction (see the .sql.conf), so no strong lock outlives its statement; "if exists" makes
-- the script safe to re-run after a partial failure.
set lock_timeout = '500ms';

drop trigger if exists orders_sync_amount_cents on orders;

drop function if exists orders_sync_amount_cents();

alter table orders drop column if exists total_cents;
