-- expand: a nullable column needs only a brief catalog lock
set lock_timeout = '2s';
alter table accounts add column nickname text;
