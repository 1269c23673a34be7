alter table users add column age_days int generated always as (age * 365) stored;
