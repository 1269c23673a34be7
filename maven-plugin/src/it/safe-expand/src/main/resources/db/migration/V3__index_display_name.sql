-- CONCURRENTLY cannot run in a transaction: Flyway (and Zerodown) run this script outside one
create index concurrently accounts_display_name_idx on accounts (display_name);
