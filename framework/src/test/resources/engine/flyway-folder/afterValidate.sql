-- Flyway validates before it migrates; the log table exists from the second migrate on
do $$
begin
    if to_regclass('applied_log') is not null then
        insert into applied_log (what) values ('afterValidate');
    end if;
end
$$;
