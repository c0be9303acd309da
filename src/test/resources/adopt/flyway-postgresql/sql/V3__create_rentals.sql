CREATE TABLE rentals (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    bike_id     BIGINT NOT NULL REFERENCES bikes (id),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ
);

CREATE INDEX rentals_customer_idx ON rentals (customer_id);
