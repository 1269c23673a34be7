-- the schema of V1 and V2 in one script: on an empty database it replaces them
create table users (id bigint primary key, name text not null, email text);
insert into applied_log (what) values ('${flyway:filename}');
