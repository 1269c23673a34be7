select id, user_name from users where id = {{int 1 20000}};
insert into users (user_name) values ('user {{seq}}');
