alter type user_mood rename to user_mood_old;
create type user_mood as enum ('happy', 'unhappy');
alter table users alter column mood type user_mood using (case mood::text when 'sad' then 'unhappy' else mood::text end)::user_mood;
drop type user_mood_old;
