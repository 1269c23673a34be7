-- app_readonly comes from the init script, as production's infrastructure creates it before Flyway runs
grant select on all tables in schema public to app_readonly;
insert into applied_log (what) values ('afterMigrate');
