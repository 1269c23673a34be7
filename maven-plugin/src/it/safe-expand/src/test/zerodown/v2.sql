-- Version 2 reads and writes the new column.
-- weight: 4
select id, email, display_name from accounts where id = {{int 1 20000}};

-- weight: 1
insert into accounts (email, display_name) values ('v2-{{seq}}@example.com', '{{pick Ada|Grace|Linus}}');

-- weight: 1
update accounts set display_name = '{{pick Ada|Grace|Linus}}' where id = {{int 1 20000}};

-- a duplicate address is a domain error the application handles, not a failed request
-- expect-error: 23505
insert into accounts (email) values ('seed-{{int 1 20000}}@example.com');
