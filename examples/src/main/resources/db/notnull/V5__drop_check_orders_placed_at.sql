-- Step 4 of 4: the CHECK has done its job. Its own step, so each strong lock is taken and
-- released in a transaction of its own.
set lock_timeout = '500ms';

alter table orders drop constraint orders_placed_at_not_null;
