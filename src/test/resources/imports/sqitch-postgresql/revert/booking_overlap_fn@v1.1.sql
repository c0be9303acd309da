-- Revert roomly:booking_overlap_fn from pg

BEGIN;

DROP FUNCTION room_is_free(integer, timestamptz, timestamptz);

COMMIT;
