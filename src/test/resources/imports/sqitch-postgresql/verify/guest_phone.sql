-- Verify roomly:guest_phone on pg

BEGIN;

SELECT phone FROM guests WHERE FALSE;

ROLLBACK;
