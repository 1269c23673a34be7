-- Dual write in the database: a trigger keeps both columns equal whichever one a version writes,
-- so v1 needs no change. The function touches no table; the trigger takes a brief SHARE ROW
-- EXCLUSIVE lock on orders, last, so the lock is held only until the commit right after.
create function orders_sync_amount_cents() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        new.amount_cents := coalesce(new.amount_cents, new.total_cents);
        new.total_cents := coalesce(new.total_cents, new.amount_cents);
    elsif new.total_cents is distinct from old.total_cents then
        new.amount_cents := new.total_cents;
    elsif new.amount_cents is distinct from old.amount_cents then
        new.total_cents := new.amount_cents;
    end if;
    return new;
end
$$;

set lock_timeout = '500ms';

create trigger orders_sync_amount_cents
    before insert or update on orders
    for each row execute function orders_sync_amount_cents();
