set lock_timeout = '2s';
alter table users alter column name set not null, drop constraint users_name_nn;
