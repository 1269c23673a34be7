-- Copy the addresses v1 wrote, 1,000 customers per transaction (see the .sql.conf). Rows v2
-- already dual-wrote are newer: "on conflict do nothing" keeps them.
do $$
declare
    last_id bigint := 0;
    max_id  bigint;
begin
    select coalesce(max(id), 0) into max_id from customers;
    while last_id < max_id loop
        insert into customer_addresses (customer_id, street, city, postal_code, country)
        select id, street, city, postal_code, country
          from customers
         where id > last_id and id <= last_id + 1000
        on conflict (customer_id) do nothing;
        last_id := last_id + 1000;
        commit;
    end loop;
end
$$;
