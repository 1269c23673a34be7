-- Step 2 of 4: check the existing rows. VALIDATE scans the table under SHARE UPDATE EXCLUSIVE,
-- which lets reads and writes go on.
alter table orders validate constraint orders_placed_at_not_null;
