-- Verify roomly:bookings_room_index on pg

BEGIN;

SELECT 1 / count(*)
  FROM pg_indexes
 WHERE schemaname = current_schema()
   AND indexname = 'bookings_room_starts';

ROLLBACK;
