-- the quick way: every statement locks accounts while it scans or builds
alter table accounts add column tier int not null default 1;
alter table accounts alter column plan set not null;
create index accounts_plan on accounts (plan);
