set lock_timeout = '2s';
alter table customers rename column name to full_name;
