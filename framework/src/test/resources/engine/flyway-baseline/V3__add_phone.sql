alter table users add column phone text;
insert into applied_log (what) values ('${flyway:filename}');
