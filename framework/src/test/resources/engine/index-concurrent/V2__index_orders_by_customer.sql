-- on its own: CONCURRENTLY cannot run inside a transaction, so the script runs in autocommit
create index concurrently orders_customer_note_idx on orders (customer_id, note);
