create unique index concurrently events_id_key on events (id);
