-- Revert roomly:booking_reminders from pg

BEGIN;

DROP TABLE booking_reminders;

COMMIT;
