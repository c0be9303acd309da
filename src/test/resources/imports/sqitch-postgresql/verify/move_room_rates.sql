-- Verify roomly:move_room_rates on pg

BEGIN;

SELECT room_id, rate_cents, currency FROM room_rates WHERE FALSE;

SELECT 1 / (count(*) = 0)::int
  FROM information_schema.columns
 WHERE table_schema = current_schema()
   AND table_name = 'rooms'
   AND column_name = 'rate_cents';

ROLLBACK;
