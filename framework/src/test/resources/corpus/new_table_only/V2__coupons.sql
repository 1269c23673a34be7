create table coupons (id bigint primary key, code text not null);
create index coupons_code_idx on coupons (code);
insert into coupons select g, 'code' || g from generate_series(1, 20000) g;
