ALTER TABLE items ADD COLUMN legacy_sku VARCHAR(32) DEFAULT '' AFTER weight_grams;
UPDATE items SET legacy_sku = 'P-0001' WHERE sku = 'PAL-EUR';
UPDATE items SET legacy_sku = 'P-0002' WHERE sku = 'PAL-UK';
