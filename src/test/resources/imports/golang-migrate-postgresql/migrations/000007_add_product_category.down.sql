ALTER TABLE products DROP COLUMN IF EXISTS category_id;
