alter table users add column flags int not null default 0;
