ALTER TABLE bookings DROP COLUMN status;
