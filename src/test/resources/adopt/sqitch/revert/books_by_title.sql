-- Revert library:books_by_title to its v1.0 version

BEGIN;

DROP VIEW books_by_title;
CREATE VIEW books_by_title AS SELECT id, title FROM books;

COMMIT;
