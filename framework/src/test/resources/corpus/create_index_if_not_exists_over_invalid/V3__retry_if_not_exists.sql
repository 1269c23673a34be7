create unique index concurrently if not exists users_age_key on users (age);
