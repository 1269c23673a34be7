-- v2 also reads and writes email
-- weight: 3
select id, name, email from customers where id = {{int 1 2000}};
update customers set email = 'c{{seq}}@example.com' where id = {{int 1 2000}};
