-- Step 1 of 4: the rule, for new rows only. NOT VALID skips the scan of existing rows, so the
-- ACCESS EXCLUSIVE lock lasts a moment.
set lock_timeout = '500ms';

alter table orders
    add constraint orders_placed_at_not_null check (placed_at is not null) not valid;
