-- Deploy roomly:move_room_rates to pg
-- requires: rooms
-- requires: seed_rooms

BEGIN;

CREATE TABLE room_rates (
    room_id     integer PRIMARY KEY REFERENCES rooms (id),
    rate_cents  integer NOT NULL CHECK (rate_cents >= 0),
    currency    char(3) NOT NULL DEFAULT 'EUR'
);

INSERT INTO room_rates (room_id, rate_cents)
SELECT id, rate_cents FROM rooms;

ALTER TABLE rooms DROP COLUMN rate_cents;

COMMIT;
