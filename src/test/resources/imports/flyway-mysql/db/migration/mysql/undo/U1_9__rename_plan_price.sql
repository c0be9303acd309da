ALTER TABLE plans RENAME COLUMN price_cents TO price;
