-- Marketing wants orders by channel, and the finance export reads orders by placed_at.
ALTER TABLE orders
    ADD COLUMN channel TEXT NOT NULL DEFAULT 'web'
        CONSTRAINT orders_channel_check CHECK (channel IN ('web', 'app', 'marketplace'));

CREATE INDEX orders_placed_at_idx ON orders (placed_at);
