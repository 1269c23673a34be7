alter table users validate constraint users_age_check;
