create table events (
    id      bigserial primary key,
    kind    text not null,
    payload text
);
insert into events (kind, payload) select 'kind-' || (g % 10), 'payload ' || g from generate_series(1, 5000) as g;
