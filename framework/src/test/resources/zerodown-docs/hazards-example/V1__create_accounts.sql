create table accounts (
    id    bigint primary key,
    email text not null,
    plan  text
);
insert into accounts select g, 'user' || g || '@example.com', 'free' from generate_series(1, 20000) g;
