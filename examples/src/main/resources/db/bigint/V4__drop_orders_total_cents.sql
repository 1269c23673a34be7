-- Contract: v1 is retired, v2 never touches total_cents. The trigger goes first, then the column.
set lock_timeout = '500ms';

drop trigger orders_sync_amount_cents on orders;
drop function orders_sync_amount_cents();
alter table orders drop column total_cents;
