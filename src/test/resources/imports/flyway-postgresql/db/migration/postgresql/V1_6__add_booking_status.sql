ALTER TABLE bookings
    ADD COLUMN status TEXT NOT NULL DEFAULT 'confirmed'
        CONSTRAINT bookings_status_check CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed'));
