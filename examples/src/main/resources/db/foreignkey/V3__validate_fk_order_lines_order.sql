-- Step 2 of 2: check the existing rows under SHARE UPDATE EXCLUSIVE (order_lines) and ROW SHARE
-- (orders): reads and writes go on while it scans. A separate step, so a separate transaction.
alter table order_lines validate constraint order_lines_order_id_fkey;
