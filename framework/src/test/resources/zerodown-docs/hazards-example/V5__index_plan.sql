-- step 3: a script of only CONCURRENTLY statements runs outside a transaction
create index concurrently accounts_plan_email on accounts (plan, email);
