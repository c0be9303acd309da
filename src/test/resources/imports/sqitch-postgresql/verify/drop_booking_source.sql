-- Verify roomly:drop_booking_source on pg

BEGIN;

SELECT 1 / (count(*) = 0)::int
  FROM information_schema.columns
 WHERE table_schema = current_schema()
   AND table_name = 'bookings'
   AND column_name = 'source';

ROLLBACK;
