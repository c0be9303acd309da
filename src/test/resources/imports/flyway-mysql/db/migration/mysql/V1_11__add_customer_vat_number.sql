ALTER TABLE customers ADD COLUMN vat_number VARCHAR(20) NULL AFTER country_code;

CREATE UNIQUE INDEX customers_vat_number_uq ON customers (vat_number);
