-- Revert roomly:payments from pg

BEGIN;

DROP TABLE payments;

COMMIT;
