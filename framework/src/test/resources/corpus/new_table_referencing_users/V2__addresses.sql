create table addresses (id bigint primary key, user_id bigint not null references users (id));
