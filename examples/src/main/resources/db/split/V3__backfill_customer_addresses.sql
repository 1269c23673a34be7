-- Copy the addresses into the new table, 500 customers per transaction (see the .sql.conf).
-- Rows v2 dual-wrote may be stale: v1, live beside v2 until it was retired, moved customers in
-- the old columns only. So an existing row is overwritten, not skipped. FOR UPDATE reads the
-- latest committed address and holds it until the batch commits: a move by v2 at the same
-- moment waits for the batch, then writes both places, instead of being overwritten by an
-- older copy.
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
         where id > last_id and id <= last_id + 500
           for update
        on conflict (customer_id) do update
           set street = excluded.street, city = excluded.city,
               postal_code = excluded.postal_code, country = excluded.country;
        last_id := last_id + 500;
        commit;
    end loop;
end
$$;
