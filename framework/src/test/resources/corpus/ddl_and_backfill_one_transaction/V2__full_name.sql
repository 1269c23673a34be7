alter table users add column full_name text;
update users set full_name = name;
