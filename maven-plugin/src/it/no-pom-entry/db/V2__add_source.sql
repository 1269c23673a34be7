set lock_timeout = '2s';
alter table events add column source text;
