-- step 2: validating scans under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes
alter table accounts validate constraint accounts_plan_nn;
