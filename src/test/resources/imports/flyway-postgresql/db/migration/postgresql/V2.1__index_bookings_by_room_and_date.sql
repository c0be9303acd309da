-- Built without locking bookings against writes: the front desk keeps working.
CREATE INDEX CONCURRENTLY bookings_room_dates_idx ON bookings (room_id, check_in, check_out);
