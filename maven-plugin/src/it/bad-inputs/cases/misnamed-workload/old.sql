select id, title from notes;
