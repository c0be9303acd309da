-- Deploy invoicer:invoices to mysql
-- requires: subscriptions

BEGIN;

CREATE TABLE invoices (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    subscription_id  BIGINT      NOT NULL,
    number           VARCHAR(20) NOT NULL,
    issued_on        DATE        NOT NULL,
    total_cents      BIGINT      NOT NULL DEFAULT 0,
    status           VARCHAR(10) NOT NULL DEFAULT 'draft',
    UNIQUE KEY invoices_number (number),
    CONSTRAINT invoices_subscription FOREIGN KEY (subscription_id) REFERENCES subscriptions (id),
    CONSTRAINT invoices_status CHECK (status IN ('draft', 'issued', 'paid', 'void'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

COMMIT;
