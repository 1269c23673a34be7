-- reads a column V2 adds: it can only run after the versioned steps
create or replace view user_emails as select id, email from users;
insert into applied_log (what) values ('${flyway:filename}');
