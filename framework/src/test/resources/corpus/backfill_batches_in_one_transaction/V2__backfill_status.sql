update users set status = 'active' where id between 1 and 5000;
update users set status = 'active' where id between 5001 and 10000;
update users set status = 'active' where id between 10001 and 15000;
update users set status = 'active' where id between 15001 and 20000;
