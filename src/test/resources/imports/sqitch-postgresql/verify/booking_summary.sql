-- Verify roomly:booking_summary on pg

BEGIN;

SELECT booking_id, guest_name, guest_email, room_code, starts_at, ends_at, status, estimated_cents, currency
  FROM booking_summary
 WHERE FALSE;

ROLLBACK;
