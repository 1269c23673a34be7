alter table users add constraint users_age_check check (age > 50);
