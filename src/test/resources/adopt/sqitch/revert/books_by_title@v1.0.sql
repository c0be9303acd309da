-- Revert library:books_by_title

BEGIN;

DROP VIEW books_by_title;

COMMIT;
