-- The scanners send lower-case codes; store them that way.
UPDATE items SET sku = LOWER(sku) WHERE sku <> LOWER(sku) COLLATE utf8mb4_bin;
