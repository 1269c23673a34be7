delete from orders where id > 1000;
