-- Revert roomly:guests from pg

BEGIN;

DROP TABLE guests;

COMMIT;
