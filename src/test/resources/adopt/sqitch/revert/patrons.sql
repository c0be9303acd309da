-- Revert library:patrons

BEGIN;

DROP TABLE patrons;

COMMIT;
