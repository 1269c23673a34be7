alter table users alter column email type varchar(200);
