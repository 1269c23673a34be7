create table customers (id bigserial primary key, name text not null, nickname text);
insert into customers(name, nickname) select 'customer ' || g, 'nick ' || g from generate_series(1, 20000) g;
