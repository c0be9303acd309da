-- Harbour Hotel booking service: the people who stay with us.
-- Address columns stay last: V1.10 moves them to their own table.
CREATE TABLE guests (
    id         BIGSERIAL PRIMARY KEY,
    full_name  TEXT        NOT NULL,
    email      TEXT        NOT NULL,
    phone      TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    street     TEXT,
    city       TEXT,
    postcode   TEXT
);

CREATE UNIQUE INDEX guests_email_key ON guests (email);
