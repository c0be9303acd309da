-- Revert invoicer:move_vat_numbers from mysql

BEGIN;

ALTER TABLE customers ADD COLUMN vat_number VARCHAR(20) NULL AFTER country;

UPDATE customers c
  JOIN customer_tax_ids t ON t.customer_id = c.id
   SET c.vat_number = t.vat_number;

DROP TABLE customer_tax_ids;

COMMIT;
