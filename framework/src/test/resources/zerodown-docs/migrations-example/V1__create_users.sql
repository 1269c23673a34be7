create table users (
    id        bigint generated always as identity primary key,
    user_name text not null
);
grant select, insert, update on users to ${app_role};
