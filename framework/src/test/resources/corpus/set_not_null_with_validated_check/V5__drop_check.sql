set lock_timeout = '2s';
alter table users drop constraint users_name_nn;
