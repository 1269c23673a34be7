-- Step 3 of 4: PostgreSQL 12+ sees the validated CHECK and sets NOT NULL without scanning:
-- the ACCESS EXCLUSIVE lock lasts a moment.
set lock_timeout = '500ms';

alter table orders alter column placed_at set not null;
