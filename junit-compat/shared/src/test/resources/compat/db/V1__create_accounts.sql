create table accounts (id bigserial primary key, email text not null, balance int not null default 0);
insert into accounts(email) select 'user' || g || '@example.com' from generate_series(1, 1000) g;
