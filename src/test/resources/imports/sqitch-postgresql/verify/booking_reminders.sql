-- Verify roomly:booking_reminders on pg

BEGIN;

-- XXX Add verifications here.

ROLLBACK;
