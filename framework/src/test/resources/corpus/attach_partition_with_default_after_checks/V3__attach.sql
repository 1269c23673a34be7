set lock_timeout = '2s';
alter table measurements attach partition measurements_2025 for values from ('2025-01-01') to ('2026-01-01');
