alter table users add column token uuid default gen_random_uuid();
