-- Verify roomly:payments on pg

BEGIN;

SELECT id, booking_id, amount_cents, method, paid_at
  FROM payments
 WHERE FALSE
   FOR UPDATE;

ROLLBACK;
