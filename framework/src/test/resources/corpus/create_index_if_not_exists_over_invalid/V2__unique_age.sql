create unique index concurrently users_age_key on users (age);
