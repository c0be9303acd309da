CREATE TABLE orders (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id       BIGINT  NOT NULL REFERENCES customers (id),
    status            TEXT    NOT NULL DEFAULT 'cart',
    total_cents       INTEGER NOT NULL DEFAULT 0,
    placed_at         TIMESTAMPTZ,
    shipping_street   TEXT,
    shipping_city     TEXT,
    shipping_postcode TEXT,
    CONSTRAINT orders_status_check CHECK (status IN ('cart', 'placed', 'paid', 'shipped'))
);

CREATE INDEX orders_customer_idx ON orders (customer_id);
