-- Verify invoicer:move_vat_numbers on mysql

BEGIN;

SELECT customer_id, vat_number, verified FROM customer_tax_ids WHERE 0;

ROLLBACK;
