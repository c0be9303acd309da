CREATE TABLE damage_reports (
    id          BIGSERIAL PRIMARY KEY,
    rental_id   BIGINT NOT NULL REFERENCES rentals (id),
    description TEXT NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
