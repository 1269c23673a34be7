-- zerodown:allow strong-lock: replacing the view takes a few milliseconds
create or replace view user_names as
    select id, coalesce(full_name, user_name) as name from users;
