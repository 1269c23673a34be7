-- created by the infrastructure before Flyway runs; B2 and afterMigrate grant to it
create role app_readonly;
