set lock_timeout = '2s';
alter table users alter column name set not null;
