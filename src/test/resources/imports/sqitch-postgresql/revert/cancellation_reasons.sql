-- Revert roomly:cancellation_reasons from pg

BEGIN;

ALTER TABLE bookings
    DROP CONSTRAINT bookings_cancel_reason_status,
    DROP COLUMN cancel_reason;

DROP TABLE cancellation_reasons;

COMMIT;
