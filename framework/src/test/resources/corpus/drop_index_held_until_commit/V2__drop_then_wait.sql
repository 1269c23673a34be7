drop index users_email_idx;
select pg_sleep(0.3);
