create index orders_reference_idx on orders (reference);
