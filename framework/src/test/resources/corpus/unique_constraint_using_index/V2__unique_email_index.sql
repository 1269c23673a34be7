create unique index concurrently users_email_key on users (email);
