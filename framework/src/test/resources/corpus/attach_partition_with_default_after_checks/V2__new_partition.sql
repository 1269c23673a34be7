create table measurements_default partition of measurements default;
insert into measurements select date '2026-01-01' + (g % 365), g from generate_series(1, 2000) g;
create table measurements_2025 (taken_on date not null, value int);
insert into measurements_2025 select date '2025-01-01' + (g % 365), g from generate_series(1, 5000) g;
alter table measurements_2025 add constraint measurements_2025_bound
    check (taken_on is not null and taken_on >= '2025-01-01' and taken_on < '2026-01-01');
alter table measurements_default add constraint measurements_default_not_2025
    check (taken_on < '2025-01-01' or taken_on >= '2026-01-01');
