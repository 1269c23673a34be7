ALTER TABLE accounts ADD nickname TEXT;
UPDATE accounts SET nickname = display_name WHERE id <= 10;
