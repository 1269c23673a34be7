-- seed (untraced): 200,000 more users, so the rewrite of V3 lasts more than ten times maxLockWait on a fast machine
insert into users (id, email, name, score, age, status, mood)
select g, 'user' || g || '@example.com', 'name ' || g, g / 3.0, g % 90, 'active', 'happy'::user_mood
from generate_series(20001, 220000) g;
analyze users;
