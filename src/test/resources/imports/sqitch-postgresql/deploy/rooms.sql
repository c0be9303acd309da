-- Deploy roomly:rooms to pg

BEGIN;

CREATE TABLE rooms (
    id          integer PRIMARY KEY,
    code        varchar(12) NOT NULL UNIQUE,
    name        text        NOT NULL,
    capacity    integer     NOT NULL CHECK (capacity > 0),
    floor       integer     NOT NULL,
    rate_cents  integer     NOT NULL CHECK (rate_cents >= 0)
);

COMMIT;
