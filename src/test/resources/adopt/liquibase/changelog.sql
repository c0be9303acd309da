--liquibase formatted sql

--changeset maria:1
--comment: customer accounts of the billing service
CREATE TABLE accounts (
    id       BIGSERIAL PRIMARY KEY,
    name     VARCHAR(200) NOT NULL,
    currency CHAR(3) NOT NULL DEFAULT 'EUR'
);
--rollback DROP TABLE accounts;

--changeset maria:2
CREATE TABLE invoices (
    id          BIGSERIAL PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    number      VARCHAR(30) NOT NULL UNIQUE,
    issued_on   DATE NOT NULL,
    total_cents BIGINT NOT NULL CHECK (total_cents >= 0)
);
--rollback DROP TABLE invoices;

--changeset tomas:3
CREATE INDEX invoices_account_idx ON invoices (account_id, issued_on);
--rollback DROP INDEX invoices_account_idx;

--changeset tomas:4
ALTER TABLE invoices ADD COLUMN due_on DATE;
UPDATE invoices SET due_on = issued_on + 30;
--rollback ALTER TABLE invoices DROP COLUMN due_on;

--changeset maria:5
CREATE TABLE payments (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT NOT NULL REFERENCES invoices (id),
    paid_on     DATE NOT NULL,
    amount_cents BIGINT NOT NULL
);
--rollback DROP TABLE payments;
