update users set status = 'active' where status = 'inactive' or status = 'active';
