-- legacy_code is the room's key in the old property system; it stays last (V2.2 drops it).
CREATE TABLE rooms (
    id          SERIAL PRIMARY KEY,
    number      TEXT    NOT NULL UNIQUE,
    room_type   TEXT    NOT NULL REFERENCES room_types (code),
    floor       INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'available'
                CONSTRAINT rooms_status_check CHECK (status IN ('available', 'maintenance', 'retired')),
    legacy_code VARCHAR(10) NOT NULL DEFAULT ''
);
