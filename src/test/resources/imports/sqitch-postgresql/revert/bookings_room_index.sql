-- Revert roomly:bookings_room_index from pg

DROP INDEX CONCURRENTLY bookings_room_starts;
