alter table orders validate constraint orders_user_fk;
