-- Invoices need the address that was valid when they were issued; start with one address per customer.
CREATE TABLE billing_addresses (
    customer_id BIGINT PRIMARY KEY,
    street      VARCHAR(200),
    city        VARCHAR(100),
    postcode    VARCHAR(20),
    CONSTRAINT billing_addresses_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO billing_addresses (customer_id, street, city, postcode)
SELECT id, billing_street, billing_city, billing_postcode
  FROM customers
 WHERE billing_street IS NOT NULL OR billing_city IS NOT NULL OR billing_postcode IS NOT NULL;

ALTER TABLE customers
    DROP COLUMN billing_street,
    DROP COLUMN billing_city,
    DROP COLUMN billing_postcode;
