alter table audit_log add column actor text not null;
