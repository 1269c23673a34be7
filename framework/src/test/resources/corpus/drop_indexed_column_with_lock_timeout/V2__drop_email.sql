set lock_timeout = '2s';
alter table users drop column email;
