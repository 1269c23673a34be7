update users set status = 'active' where id <= 12000;
