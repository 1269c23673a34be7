create table items (
    id   bigserial primary key,
    name text not null
);
insert into items (name) select 'item ' || g from generate_series(1, 2000) as g;
