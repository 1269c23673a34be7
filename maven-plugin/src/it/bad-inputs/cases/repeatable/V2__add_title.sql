set lock_timeout = '2s';
alter table notes add column title text;
