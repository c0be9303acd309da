CREATE TABLE room_types (
    code       TEXT PRIMARY KEY,
    label      TEXT    NOT NULL,
    max_guests INTEGER NOT NULL CHECK (max_guests BETWEEN 1 AND 8),
    base_rate_cents INTEGER NOT NULL CHECK (base_rate_cents > 0)
);
