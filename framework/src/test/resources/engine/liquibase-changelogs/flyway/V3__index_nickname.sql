create index concurrently accounts_nickname on accounts (nickname);
