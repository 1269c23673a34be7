alter table users add constraint users_name_nn not null name not valid;
