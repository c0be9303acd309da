CREATE TABLE bookings (
    id         BIGSERIAL PRIMARY KEY,
    guest_id   BIGINT  NOT NULL REFERENCES guests (id),
    room_id    INTEGER NOT NULL REFERENCES rooms (id),
    check_in   DATE    NOT NULL,
    check_out  DATE    NOT NULL,
    notes      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT bookings_dates_check CHECK (check_out > check_in)
);

CREATE INDEX bookings_guest_idx ON bookings (guest_id);
