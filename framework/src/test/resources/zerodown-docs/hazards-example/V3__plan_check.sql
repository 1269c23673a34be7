-- the safe way, step 1: a NOT VALID check takes a brief lock and scans nothing
set lock_timeout = '2s';
-- zerodown:allow strong-lock: catalog-only, bounded by lock_timeout
alter table accounts add constraint accounts_plan_nn check (plan is not null) not valid;
