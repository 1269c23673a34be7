alter table users alter column name type text;
