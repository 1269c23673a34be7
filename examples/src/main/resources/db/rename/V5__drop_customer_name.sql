-- Contract: no live version reads or writes customers.name any more (v3 is retired).
set lock_timeout = '500ms';

alter table customers drop column name;
