create index users_age_idx on users (age);
