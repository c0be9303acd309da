--liquibase formatted sql

--changeset joel:catalog-1 dbms:postgresql
--comment: Products, with a draft/active/retired status
CREATE TABLE products (
    id           bigint PRIMARY KEY,
    sku          text NOT NULL UNIQUE,
    title        text NOT NULL,
    price_cents  integer NOT NULL CHECK (price_cents >= 0),
    currency     char(3) NOT NULL DEFAULT '${shop.currency}',
    status       text NOT NULL DEFAULT 'draft'
        CONSTRAINT products_status_check CHECK (status IN ('draft', 'active', 'retired'))
);
--rollback DROP TABLE products;

--changeset joel:catalog-2 dbms:postgresql
--comment: The storefront calls it a name
ALTER TABLE products RENAME COLUMN title TO name;
--rollback ALTER TABLE products RENAME COLUMN name TO title;

--changeset joel:catalog-3 dbms:postgresql
--comment: Search products by name; a name is never blank
CREATE INDEX products_name_idx ON products (lower(name));
ALTER TABLE products ADD CONSTRAINT products_name_not_blank CHECK (btrim(name) <> '');
--rollback ALTER TABLE products DROP CONSTRAINT products_name_not_blank;

--changeset joel:catalog-4 dbms:postgresql splitStatements:false runOnChange:true
--comment: Trigger function that stamps updated_at on a real change
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;
--rollback DROP FUNCTION touch_updated_at();

--changeset joel:catalog-5 dbms:postgresql endDelimiter:/
--comment: Products remember when they last changed
ALTER TABLE products ADD COLUMN updated_at timestamptz
/
CREATE TRIGGER products_touch BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at()
/
--rollback DROP TRIGGER products_touch ON products;
--rollback ALTER TABLE products DROP COLUMN updated_at;
