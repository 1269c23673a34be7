-- the old column stops being required, so the next version may stop writing it
set lock_timeout = '2s';
alter table customers alter column name drop not null;
