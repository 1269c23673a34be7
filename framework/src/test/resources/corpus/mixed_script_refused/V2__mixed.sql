create index concurrently users_age_idx on users (age);
alter table users add column nickname text;
