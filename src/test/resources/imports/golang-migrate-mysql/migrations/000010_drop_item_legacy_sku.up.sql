ALTER TABLE items DROP COLUMN legacy_sku;
