set lock_timeout = '2s';
alter table customers add column nickname text;
