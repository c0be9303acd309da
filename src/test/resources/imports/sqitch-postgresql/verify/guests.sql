-- Verify roomly:guests on pg

BEGIN;

SELECT id, email, created_at
  FROM guests
 WHERE FALSE;

ROLLBACK;
