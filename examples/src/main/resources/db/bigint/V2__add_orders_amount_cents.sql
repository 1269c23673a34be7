-- Expand: the bigint column, and a trigger that keeps both columns equal whichever one a version
-- writes (the dual write lives in the database, so v1 needs no change). Both statements take
-- brief locks on orders; the column has no default, so nothing is rewritten.
set lock_timeout = '500ms';

alter table orders add column amount_cents bigint;

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

create trigger orders_sync_amount_cents
    before insert or update on orders
    for each row execute function orders_sync_amount_cents();
