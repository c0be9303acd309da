-- Verify roomly:cancellation_reasons on pg

BEGIN;

SELECT code, label, refundable FROM cancellation_reasons WHERE FALSE;

SELECT cancel_reason FROM bookings WHERE FALSE;

ROLLBACK;
