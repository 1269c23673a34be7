-- Step 3 of 3: PostgreSQL 12+ sees the validated CHECK and sets NOT NULL without scanning;
-- the CHECK has done its job and goes.
set lock_timeout = '500ms';

alter table orders alter column placed_at set not null;
alter table orders drop constraint orders_placed_at_not_null;
