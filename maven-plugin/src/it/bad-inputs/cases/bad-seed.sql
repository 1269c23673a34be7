-- the baseline has notes; there is no table named tags
insert into notes (body) values ('first');
insert into tags (name) values ('x');
