create table users (id bigint primary key, name text not null);
grant select on users to app_readonly;
insert into applied_log (what) values ('${flyway:filename}');
