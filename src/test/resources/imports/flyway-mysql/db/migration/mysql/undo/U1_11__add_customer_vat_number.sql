DROP INDEX customers_vat_number_uq ON customers;
ALTER TABLE customers DROP COLUMN vat_number;
