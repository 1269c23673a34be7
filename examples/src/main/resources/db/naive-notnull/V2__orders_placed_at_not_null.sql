-- ANTI-EXAMPLE: SET NOT NULL on a column without a validated CHECK scans the whole table
-- while holding ACCESS EXCLUSIVE: nothing reads or writes orders until the scan ends.
set lock_timeout = '500ms';

alter table orders alter column placed_at set not null;
