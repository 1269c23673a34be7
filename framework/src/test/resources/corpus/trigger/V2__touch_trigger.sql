create function touch_created_at() returns trigger language plpgsql as $$
begin
    new.created_at := now();
    return new;
end;
$$;
create trigger users_touch before update on users for each row execute function touch_created_at();
