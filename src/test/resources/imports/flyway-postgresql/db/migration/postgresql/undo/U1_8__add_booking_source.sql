ALTER TABLE bookings DROP COLUMN source;
