DROP INDEX rentals_customer_idx;
DROP TABLE rentals;
