insert into applied_log (what) values ('afterVersioned');
