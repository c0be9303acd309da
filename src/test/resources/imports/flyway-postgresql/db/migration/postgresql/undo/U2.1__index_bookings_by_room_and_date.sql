DROP INDEX CONCURRENTLY IF EXISTS bookings_room_dates_idx;
