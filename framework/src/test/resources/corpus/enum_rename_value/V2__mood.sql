alter type user_mood rename value 'sad' to 'unhappy';
