alter table users alter column score type numeric(12, 2);
