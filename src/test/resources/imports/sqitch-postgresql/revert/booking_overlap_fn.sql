-- Revert roomly:booking_overlap_fn from pg

BEGIN;

CREATE OR REPLACE FUNCTION room_is_free(p_room integer, p_from timestamptz, p_to timestamptz)
RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN NOT EXISTS (
        SELECT 1
          FROM bookings
         WHERE room_id = p_room
           AND starts_at < p_to
           AND ends_at > p_from
    );
END;
$$;

COMMIT;
