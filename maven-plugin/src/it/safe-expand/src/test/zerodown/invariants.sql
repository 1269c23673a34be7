-- invariant: every-account-has-an-email
select id from accounts where email is null or email = '';

-- invariant: display-names-are-trimmed from V2
select id from accounts where display_name <> btrim(display_name);
