-- Expand: the new column, nullable and without a default, is a catalog-only change.
-- lock_timeout: if a long transaction holds customers, give up after 500 ms instead of
-- queueing every request behind this ALTER (the runner retries).
set lock_timeout = '500ms';

alter table customers add column full_name text;
