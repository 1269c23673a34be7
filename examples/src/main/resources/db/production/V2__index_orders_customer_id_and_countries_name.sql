-- Two plain CREATE INDEX, each holding a SHARE lock on its table (writes wait) for the whole build.
-- On the test's few thousand rows both take milliseconds; the production profile says which one
-- matters: orders has 58 million rows in production, countries 40.
set lock_timeout = '500ms';

create index orders_customer_id_idx on orders (customer_id);

create index countries_name_idx on countries (name);
