update users set status = 'active';
select pg_sleep(0.3);
