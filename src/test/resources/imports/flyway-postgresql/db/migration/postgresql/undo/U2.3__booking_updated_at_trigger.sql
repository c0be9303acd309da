DROP TRIGGER bookings_touch_updated_at ON bookings;
DROP FUNCTION bookings_touch_updated_at();
ALTER TABLE bookings DROP COLUMN updated_at;
