CREATE TABLE customers (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email            TEXT        NOT NULL UNIQUE,
    display_name     TEXT        NOT NULL,
    marketing_opt_in BOOLEAN     NOT NULL DEFAULT false,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    legacy_crm_id    TEXT        NOT NULL DEFAULT ''
);
