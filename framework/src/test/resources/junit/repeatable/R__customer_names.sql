create or replace view customer_names as select id, name from customers;
