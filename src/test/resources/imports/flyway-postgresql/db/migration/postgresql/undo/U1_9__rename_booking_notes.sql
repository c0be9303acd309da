ALTER TABLE bookings RENAME COLUMN special_requests TO notes;
