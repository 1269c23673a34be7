-- runs in each migration's transaction: the lock_timeout holds for the migration's statements
set lock_timeout = '2s';
insert into applied_log (what) values ('beforeEachMigrate');
