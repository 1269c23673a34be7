set lock_timeout = '2s';
alter table measurements_2025 drop constraint measurements_2025_bound;
