alter table users drop column status;
