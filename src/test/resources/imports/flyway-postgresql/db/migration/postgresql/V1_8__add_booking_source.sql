-- Where a booking came from, for the channel report; the report also filters on arrival date.
ALTER TABLE bookings
    ADD COLUMN source TEXT NOT NULL DEFAULT 'front_desk'
        CONSTRAINT bookings_source_check CHECK (source IN ('front_desk', 'web', 'phone', 'agency'));

CREATE INDEX bookings_check_in_idx ON bookings (check_in);
