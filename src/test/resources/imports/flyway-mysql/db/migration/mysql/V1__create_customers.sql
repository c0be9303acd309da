-- Ledgerline billing service: the accounts we invoice.
-- The billing address columns come last: V1.10 moves them out; legacy_ref is dropped by V1.7.
CREATE TABLE customers (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    company_name    VARCHAR(200) NOT NULL,
    contact_email   VARCHAR(254) NOT NULL,
    country_code    CHAR(2)      NOT NULL,
    created_at      TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    legacy_ref      VARCHAR(20)  NOT NULL DEFAULT '',
    billing_street  VARCHAR(200),
    billing_city    VARCHAR(100),
    billing_postcode VARCHAR(20),
    CONSTRAINT customers_contact_email_uq UNIQUE (contact_email)
) ENGINE=InnoDB;
