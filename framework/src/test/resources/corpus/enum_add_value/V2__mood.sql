alter type user_mood add value 'ecstatic';
