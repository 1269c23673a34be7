-- zerodown:allow table-rewrite: users is rebuilt during the maintenance window
alter table users alter column age type bigint;
