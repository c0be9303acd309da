-- Deploy library:books_by_title to pg and mysql (reworked: the search shows the ISBN)

BEGIN;

DROP VIEW books_by_title;
CREATE VIEW books_by_title AS SELECT id, title, isbn FROM books;

COMMIT;
