ALTER TABLE bookings RENAME COLUMN notes TO special_requests;
