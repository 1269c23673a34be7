create table orders (
    id        bigserial primary key,
    reference text not null,
    amount    numeric(10, 2) not null
);
