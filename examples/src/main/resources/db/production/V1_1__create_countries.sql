-- A lookup table: a few dozen rows in production, whatever the shop's size.
create table countries (
    code text primary key,
    name text not null
);
