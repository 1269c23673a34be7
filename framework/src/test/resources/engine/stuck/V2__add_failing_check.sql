-- every existing name is longer than 3 characters: the validating scan fails (23514)
set lock_timeout = '2s';
alter table customers add constraint name_short check (length(name) < 3);
