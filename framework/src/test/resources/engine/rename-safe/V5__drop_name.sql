-- contract: no live version reads or writes name any more
set lock_timeout = '2s';
alter table customers drop column name;
