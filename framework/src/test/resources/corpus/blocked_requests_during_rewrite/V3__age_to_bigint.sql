alter table users alter column age type bigint;
