update users set name = null where id % 100 = 0;
