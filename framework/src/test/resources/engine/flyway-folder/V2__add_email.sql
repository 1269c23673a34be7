alter table users add column email text;
insert into applied_log (what) values ('${flyway:filename}');
