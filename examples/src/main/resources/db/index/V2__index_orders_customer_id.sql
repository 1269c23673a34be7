-- CONCURRENTLY builds the index while inserts and updates go on (SHARE UPDATE EXCLUSIVE).
-- It cannot run inside a transaction; Flyway and Zerodown run a script made only of such
-- statements outside one.
create index concurrently orders_customer_id_idx on orders (customer_id);
