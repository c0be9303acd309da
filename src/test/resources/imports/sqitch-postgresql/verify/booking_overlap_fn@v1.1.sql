-- Verify roomly:booking_overlap_fn on pg

BEGIN;

SELECT has_function_privilege('room_is_free(integer, timestamptz, timestamptz)', 'execute');

ROLLBACK;
