-- each batch commits on its own (see V4__backfill_full_name.sql.conf)
update users set full_name = user_name where id between 1 and 10000 and full_name is null;
update users set full_name = user_name where id between 10001 and 20000 and full_name is null;
