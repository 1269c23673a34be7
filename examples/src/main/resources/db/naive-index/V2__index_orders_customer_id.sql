-- ANTI-EXAMPLE: a plain CREATE INDEX holds a SHARE lock on orders for the whole build: every
-- insert and update of orders waits until the index is complete. lock_timeout does not help:
-- it limits how long the migration waits for its lock, not how long it holds it.
set lock_timeout = '500ms';

create index orders_customer_id_idx on orders (customer_id);
