-- Deploy library:books_by_title to pg and mysql

BEGIN;

CREATE VIEW books_by_title AS SELECT id, title FROM books;

COMMIT;
