create table if not exists applied_log (id bigserial primary key, what text not null);
