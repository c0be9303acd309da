-- Revert library:books

BEGIN;

DROP TABLE books;

COMMIT;
