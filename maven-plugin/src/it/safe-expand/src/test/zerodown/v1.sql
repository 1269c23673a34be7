-- What version 1 of the application does, one request per statement.
-- weight: 4
select id, email from accounts where id = {{int 1 20000}};

-- weight: 1
insert into accounts (email) values ('v1-{{seq}}@example.com');

-- weight: 1
update accounts set email = email where id = {{int 1 20000}};
