alter table customers add column email text;
