-- Verify roomly:rooms on pg

BEGIN;

SELECT id, code, name, capacity, floor
  FROM rooms
 WHERE FALSE;

ROLLBACK;
