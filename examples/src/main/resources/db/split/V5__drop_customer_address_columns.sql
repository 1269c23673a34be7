-- Contract: no live version reads or writes the old columns any more (v3 is retired).
set lock_timeout = '500ms';

alter table customers
    drop column street,
    drop column city,
    drop column postal_code,
    drop column country;
