-- backfill in batches, each its own transaction (the script runs outside one, see .sql.conf); it also
-- repairs rows whose copy went stale while v1 still wrote name alone beside v2's dual writes
do $$
declare
  n int;
begin
  loop
    update customers set full_name = name
     where id in (select id from customers where full_name is distinct from name limit 2000);
    get diagnostics n = row_count;
    exit when n = 0;
    commit;
  end loop;
end $$;
