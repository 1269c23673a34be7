cluster users using users_pkey;
