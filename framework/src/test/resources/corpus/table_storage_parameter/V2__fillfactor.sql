alter table users set (fillfactor = 90);
