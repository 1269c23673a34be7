-- Build the unique index first, concurrently: this is the long part.
create unique index concurrently customers_email_key on customers (email);
