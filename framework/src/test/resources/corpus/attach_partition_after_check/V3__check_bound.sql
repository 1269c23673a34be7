set lock_timeout = '2s';
-- zerodown:allow strong-lock: catalog-only, bounded by lock_timeout
alter table measurements_2025 add constraint measurements_2025_bound
    check (taken_on is not null and taken_on >= '2025-01-01' and taken_on < '2026-01-01') not valid;
