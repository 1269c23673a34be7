-- Expand: the new table. Its foreign key takes a brief SHARE ROW EXCLUSIVE lock on customers,
-- so this step sets lock_timeout too.
set lock_timeout = '500ms';

create table customer_addresses (
    customer_id bigint primary key references customers (id),
    street      text not null,
    city        text not null,
    postal_code text not null,
    country     text not null
);
