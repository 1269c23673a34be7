alter table users validate constraint users_name_nn;
