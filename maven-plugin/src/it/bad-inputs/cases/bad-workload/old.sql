-- weight: 1
select id, body from notes where id = {{nope 1 10}};
