create index items_name_idx on items (name);
