-- a callback creates what the migrations use: the log every script of this folder writes to
create table if not exists applied_log (id bigserial primary key, what text not null);
insert into applied_log (what) values ('beforeMigrate');
