-- ANTI-EXAMPLE: the contract step, run while v1 (which reads name) and v2 (which still
-- dual-writes name) are live. The SQL is fine; the timing is not.
set lock_timeout = '500ms';

alter table customers drop column name;
