reindex index users_email_idx;
