-- v1 reads and writes customers.name, which V2 renames under it
select name from customers where id = {{int 1 20000}};
update customers set name = 'customer {{seq}}' where id = {{int 1 20000}};
