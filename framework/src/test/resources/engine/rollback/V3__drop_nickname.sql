set lock_timeout = '2s';
alter table customers drop column nickname;
