-- what V1 and V2 built, in one script: a new database starts here
create table users (id bigint primary key, user_name text not null, email text);
