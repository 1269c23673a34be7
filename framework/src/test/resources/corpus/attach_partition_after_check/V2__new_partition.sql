create table measurements_2025 (taken_on date not null, value int);
insert into measurements_2025 select date '2025-01-01' + (g % 365), g from generate_series(1, 5000) g;
