set lock_timeout = '2s';
alter table events add primary key using index events_id_key;
