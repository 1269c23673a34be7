insert into orders values (900001, 999999, 1);
