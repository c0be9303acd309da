-- Deploy invoicer:move_vat_numbers to mysql
-- requires: customers

BEGIN;

CREATE TABLE customer_tax_ids (
    customer_id  BIGINT      NOT NULL PRIMARY KEY,
    vat_number   VARCHAR(20) NOT NULL,
    verified     TINYINT(1)  NOT NULL DEFAULT 0,
    CONSTRAINT customer_tax_ids_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO customer_tax_ids (customer_id, vat_number)
SELECT id, vat_number FROM customers WHERE vat_number IS NOT NULL;

ALTER TABLE customers DROP COLUMN vat_number;

COMMIT;
