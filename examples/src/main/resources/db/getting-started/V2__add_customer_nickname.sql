set lock_timeout = '500ms';

alter table customers add column nickname text;
