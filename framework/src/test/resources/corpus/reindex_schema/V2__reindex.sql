reindex schema public;
