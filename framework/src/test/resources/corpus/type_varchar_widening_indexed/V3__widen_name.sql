alter table users alter column name type varchar(100);
