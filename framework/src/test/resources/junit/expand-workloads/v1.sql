-- v1 reads and renames customers
-- weight: 3
select id, name from customers where id = {{int 1 2000}};
update customers set name = 'customer {{seq}}' where id = {{int 1 2000}};
