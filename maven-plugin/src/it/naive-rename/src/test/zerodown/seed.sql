insert into users (user_name) select 'user ' || g from generate_series(1, 20000) as g;
