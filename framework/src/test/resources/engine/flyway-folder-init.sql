-- what the team's infrastructure creates before Flyway runs: roles the migrations grant to
create role app_readonly;
