set lock_timeout = '2s';
create index concurrently orders_customer_note_idx on orders (customer_id, note);
