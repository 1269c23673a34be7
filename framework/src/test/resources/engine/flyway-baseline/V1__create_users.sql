create table users (id bigint primary key, name text not null);
insert into applied_log (what) values ('${flyway:filename}');
