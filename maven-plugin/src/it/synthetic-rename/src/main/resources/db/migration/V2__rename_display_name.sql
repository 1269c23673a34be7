alter table accounts rename column display_name to nickname;
