alter table users add constraint users_name_nn check (name is not null) not valid;
