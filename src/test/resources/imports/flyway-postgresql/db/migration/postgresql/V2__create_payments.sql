CREATE TABLE payments (
    id           BIGSERIAL PRIMARY KEY,
    booking_id   BIGINT  NOT NULL REFERENCES bookings (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT    NOT NULL CHECK (method IN ('card', 'cash', 'bank_transfer')),
    paid_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX payments_booking_idx ON payments (booking_id);
