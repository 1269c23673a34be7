-- Backfill in batches of 500 rows, each its own transaction (see the .sql.conf): no row stays
-- locked for long, and no transaction rewrites the whole table. v2 dual-writes meanwhile, so
-- rows it touches are already right and the "is distinct from" skips them.
do $$
declare
    last_id bigint := 0;
    max_id  bigint;
begin
    select coalesce(max(id), 0) into max_id from customers;
    while last_id < max_id loop
        update customers
           set full_name = name
         where id > last_id and id <= last_id + 500
           and full_name is distinct from name;
        last_id := last_id + 500;
        commit;
    end loop;
end
$$;
