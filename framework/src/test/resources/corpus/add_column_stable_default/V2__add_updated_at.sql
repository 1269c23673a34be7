alter table users add column updated_at timestamptz default now();
