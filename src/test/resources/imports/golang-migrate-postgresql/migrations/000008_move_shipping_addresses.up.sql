-- An order's shipping address moves to its own table (split shipments come next).
CREATE TABLE shipping_addresses (
    order_id BIGINT PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    street   TEXT NOT NULL,
    city     TEXT NOT NULL,
    postcode TEXT NOT NULL
);

INSERT INTO shipping_addresses (order_id, street, city, postcode)
SELECT id, shipping_street, shipping_city, shipping_postcode
  FROM orders
 WHERE shipping_street IS NOT NULL;

ALTER TABLE orders
    DROP COLUMN shipping_street,
    DROP COLUMN shipping_city,
    DROP COLUMN shipping_postcode;
