-- Re-created by Flyway whenever it changes: what the counter staff may see of a customer.
CREATE OR REPLACE VIEW customer_directory AS
SELECT id, full_name, email
FROM customers;
