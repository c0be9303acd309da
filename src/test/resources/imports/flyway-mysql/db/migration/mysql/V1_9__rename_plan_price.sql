ALTER TABLE plans RENAME COLUMN price TO price_cents;
