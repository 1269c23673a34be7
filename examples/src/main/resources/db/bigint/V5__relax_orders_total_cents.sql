-- v2 leaves total_cents to the trigger. Before the trigger goes, the column must accept inserts
-- without a value: drop NOT NULL (catalog only, a brief lock).
set lock_timeout = '500ms';

alter table orders alter column total_cents drop not null;
