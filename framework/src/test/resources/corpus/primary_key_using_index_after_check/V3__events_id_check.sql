set lock_timeout = '2s';
alter table events add constraint events_id_nn check (id is not null) not valid;
