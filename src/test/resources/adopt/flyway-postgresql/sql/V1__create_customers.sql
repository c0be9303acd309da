-- Customers who rent bikes at the shop counter or online.
CREATE TABLE customers (
    id         BIGSERIAL PRIMARY KEY,
    email      VARCHAR(200) NOT NULL UNIQUE,
    full_name  VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
