-- every customer needs an email once the column exists: V2 adds it without a backfill, so this is violated
-- invariant: every_customer_has_an_email from V2
select id, name from customers where email is null;
