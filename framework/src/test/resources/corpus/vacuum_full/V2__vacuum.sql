vacuum full users;
