select id, full_name from users where id = {{int 1 20000}};
insert into users (full_name) values ('user {{seq}}');
