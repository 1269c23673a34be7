alter table users add column age_months int generated always as (age * 12) virtual;
