ALTER TABLE customers
    ADD COLUMN billing_street   VARCHAR(200),
    ADD COLUMN billing_city     VARCHAR(100),
    ADD COLUMN billing_postcode VARCHAR(20);

UPDATE customers c
  JOIN billing_addresses a ON a.customer_id = c.id
   SET c.billing_street = a.street, c.billing_city = a.city, c.billing_postcode = a.postcode;

DROP TABLE billing_addresses;
