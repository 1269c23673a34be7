set lock_timeout = '2s';
-- a typo PostgreSQL rejects
alter tabel notes add column title text;
