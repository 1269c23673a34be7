alter table users alter column status set default 'active';
