-- Verify roomly:rename_guest_name on pg

BEGIN;

SELECT display_name FROM guests WHERE FALSE;

ROLLBACK;
