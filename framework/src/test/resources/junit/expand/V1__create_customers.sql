create table customers (id bigserial primary key, name text not null);
insert into customers(name) select 'customer ' || g from generate_series(1, 2000) g;
