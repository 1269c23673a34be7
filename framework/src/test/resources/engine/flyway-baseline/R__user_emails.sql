create or replace view user_emails as select id, email, phone from users;
insert into applied_log (what) values ('${flyway:filename}');
