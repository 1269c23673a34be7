-- Data for the baseline, loaded once without load: 20,000 accounts.
insert into accounts (email, created_at)
select 'seed-' || g || '@example.com', now() - g * interval '1 minute'
from generate_series(1, 20000) as g;
