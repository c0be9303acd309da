-- Verify roomly:bookings on pg

BEGIN;

SELECT id, guest_id, room_id, starts_at, ends_at, status, created_at
  FROM bookings
 WHERE FALSE;

ROLLBACK;
