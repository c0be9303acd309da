-- Revert roomly:seed_rooms from pg

BEGIN;

DELETE FROM rooms WHERE id IN (1, 2, 3, 4);

COMMIT;
