-- Deploy invoicer:invoice_lines to mysql
-- requires: invoices

BEGIN;

CREATE TABLE invoice_lines (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    invoice_id   BIGINT       NOT NULL,
    description  VARCHAR(200) NOT NULL,
    quantity     INT          NOT NULL,
    unit_cents   INT          NOT NULL,
    CONSTRAINT invoice_lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE,
    CONSTRAINT invoice_lines_quantity CHECK (quantity > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

COMMIT;
