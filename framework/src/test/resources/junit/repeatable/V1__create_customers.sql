create table customers (id bigserial primary key, name text not null);
