create table users (
    id        bigserial primary key,
    user_name text not null
);
