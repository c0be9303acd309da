-- Revert roomly:booking_summary from pg

BEGIN;

DROP VIEW booking_summary;

COMMIT;
