-- Revert roomly:rooms from pg

BEGIN;

DROP TABLE rooms;

COMMIT;
