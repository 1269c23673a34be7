create table notes (
    id   bigserial primary key,
    body text not null
);
