alter table users add column region text not null;
