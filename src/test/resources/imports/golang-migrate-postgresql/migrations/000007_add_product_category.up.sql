ALTER TABLE products ADD COLUMN category_id INTEGER REFERENCES categories (id);

UPDATE products SET category_id = CASE
    WHEN sku LIKE 'MUG-%'  THEN 1
    WHEN sku LIKE 'TOTE-%' THEN 2
    ELSE 3
END;

CREATE INDEX products_category_idx ON products (category_id);
