-- enough rows that building the index takes a few hundred milliseconds
insert into orders (reference, amount)
select md5(g::text), (g % 1000) / 10.0 from generate_series(1, 200000) as g;
