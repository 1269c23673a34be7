drop index users_email_idx;
