set lock_timeout = '2s';
alter table users add column nickname text;
