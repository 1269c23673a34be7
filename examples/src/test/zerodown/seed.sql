-- Data for the baseline (V1), loaded once per run before any traffic starts: enough rows that a
-- statement which rewrites or scans a table under a blocking lock takes measurable time, few
-- enough that every run stays fast. The tests pick random ids in these ranges
-- (dev.zerodown.examples.Seeded), so keep both in step.
insert into customers (name, email, street, city, postal_code, country)
select 'Customer ' || i,
       'customer' || i || '@example.com',
       i || ' Harbour Street',
       (array['Berlin', 'Lyon', 'Porto', 'Turin'])[1 + i % 4],
       lpad((i % 99999)::text, 5, '0'),
       (array['DE', 'FR', 'PT', 'IT'])[1 + i % 4]
  from generate_series(1, 10000) as i;

insert into orders (customer_id, status, total_cents, placed_at)
select 1 + i % 10000,
       (array['new', 'paid', 'shipped'])[1 + i % 3],
       500 + i % 50000,
       now() - make_interval(mins => i)
  from generate_series(1, 40000) as i;

insert into order_lines (order_id, sku, quantity, price_cents)
select 1 + i % 40000,
       'SKU-' || (i % 500),
       1 + i % 3,
       250 + i % 1000
  from generate_series(1, 40000) as i;
