ALTER TABLE orders
    ADD COLUMN shipping_street   TEXT,
    ADD COLUMN shipping_city     TEXT,
    ADD COLUMN shipping_postcode TEXT;

UPDATE orders o
   SET shipping_street = s.street, shipping_city = s.city, shipping_postcode = s.postcode
  FROM shipping_addresses s
 WHERE s.order_id = o.id;

DROP TABLE IF EXISTS shipping_addresses;
