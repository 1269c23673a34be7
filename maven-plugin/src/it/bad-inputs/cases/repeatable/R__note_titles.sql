create or replace view note_titles as select id, title from notes;
