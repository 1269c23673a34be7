create table orders (id bigserial primary key, customer_id int not null, note text not null);
insert into orders(customer_id, note)
select g % 5000, md5(g::text) || md5((g * 7)::text) from generate_series(1, 600000) g;
