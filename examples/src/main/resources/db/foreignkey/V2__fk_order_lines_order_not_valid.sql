-- Step 1 of 2: enforce the foreign key for new rows only. NOT VALID skips the scan; the
-- SHARE ROW EXCLUSIVE locks on order_lines and orders last a moment.
set lock_timeout = '500ms';

-- The ALTER locks order_lines, then orders; the checkout writes orders, then order_lines. Taking
-- orders first keeps one lock order, so the step and a checkout cannot deadlock (SQLState 40P01).
lock table orders in share row exclusive mode;

alter table order_lines
    add constraint order_lines_order_id_fkey foreign key (order_id) references orders (id) not valid;
