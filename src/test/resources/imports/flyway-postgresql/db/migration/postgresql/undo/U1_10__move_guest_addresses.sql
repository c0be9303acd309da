ALTER TABLE guests
    ADD COLUMN street   TEXT,
    ADD COLUMN city     TEXT,
    ADD COLUMN postcode TEXT;

UPDATE guests g
   SET street = a.street, city = a.city, postcode = a.postcode
  FROM guest_addresses a
 WHERE a.guest_id = g.id;

DROP TABLE guest_addresses;
