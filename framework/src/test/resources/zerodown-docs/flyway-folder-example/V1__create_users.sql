create table users (id bigint primary key, user_name text not null);
