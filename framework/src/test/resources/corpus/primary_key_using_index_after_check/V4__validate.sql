alter table events validate constraint events_id_nn;
