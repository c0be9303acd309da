-- Deploy roomly:bookings_room_index to pg
-- requires: bookings

CREATE INDEX CONCURRENTLY bookings_room_starts ON bookings (room_id, starts_at);
