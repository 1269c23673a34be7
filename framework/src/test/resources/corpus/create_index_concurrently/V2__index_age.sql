create index concurrently users_age_idx on users (age);
