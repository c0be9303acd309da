-- Guests may keep several addresses later; for now each gets one row, moved out of guests.
CREATE TABLE guest_addresses (
    guest_id BIGINT PRIMARY KEY REFERENCES guests (id) ON DELETE CASCADE,
    street   TEXT,
    city     TEXT,
    postcode TEXT
);

INSERT INTO guest_addresses (guest_id, street, city, postcode)
SELECT id, street, city, postcode
  FROM guests
 WHERE street IS NOT NULL OR city IS NOT NULL OR postcode IS NOT NULL;

ALTER TABLE guests
    DROP COLUMN street,
    DROP COLUMN city,
    DROP COLUMN postcode;
