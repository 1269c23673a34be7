ALTER TABLE accounts RENAME COLUMN display_name TO full_name;
