-- Verify roomly:booking_overlap_fn on pg

BEGIN;

-- The function must skip cancelled bookings; the earlier version did not look at status.
SELECT 1 / (position('cancelled' IN prosrc) > 0)::int
  FROM pg_proc
 WHERE proname = 'room_is_free'
   AND pronamespace = current_schema()::regnamespace;

ROLLBACK;
