alter type user_mood add value 'ecstatic';
update users set mood = 'ecstatic' where id = 1;
