alter table customers add column vip boolean;
