alter table users rename column user_name to full_name;
