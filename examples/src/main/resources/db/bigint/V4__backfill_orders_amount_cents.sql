-- Fill amount_cents for the rows written before the trigger existed, 1,000 per transaction.
do $$
declare
    last_id bigint := 0;
    max_id  bigint;
begin
    select coalesce(max(id), 0) into max_id from orders;
    while last_id < max_id loop
        update orders
           set amount_cents = total_cents
         where id > last_id and id <= last_id + 1000
           and amount_cents is null;
        last_id := last_id + 1000;
        commit;
    end loop;
end
$$;
