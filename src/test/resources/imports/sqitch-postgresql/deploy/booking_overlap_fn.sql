-- Deploy roomly:booking_overlap_fn to pg
-- requires: booking_overlap_fn@v1.1

BEGIN;

CREATE OR REPLACE FUNCTION room_is_free(p_room integer, p_from timestamptz, p_to timestamptz)
RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    -- A cancelled booking no longer holds the room.
    RETURN NOT EXISTS (
        SELECT 1
          FROM bookings
         WHERE room_id = p_room
           AND status <> 'cancelled'
           AND starts_at < p_to
           AND ends_at > p_from
    );
END;
$$;

COMMIT;
