-- Deploy roomly:cancellation_reasons to pg
-- requires: bookings

BEGIN;

CREATE TABLE cancellation_reasons (
    code        varchar(20) PRIMARY KEY,
    label       text    NOT NULL,
    refundable  boolean NOT NULL DEFAULT false
);

INSERT INTO cancellation_reasons (code, label, refundable) VALUES
    ('guest_request', 'Guest asked to cancel',  true),
    ('no_show',       'Guest did not arrive',   false),
    ('overbooked',    'Room was overbooked',    true),
    ('maintenance',   'Room out of service',    true);

ALTER TABLE bookings
    ADD COLUMN cancel_reason varchar(20) REFERENCES cancellation_reasons (code),
    ADD CONSTRAINT bookings_cancel_reason_status CHECK (cancel_reason IS NULL OR status = 'cancelled');

COMMIT;
