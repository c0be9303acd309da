--liquibase formatted sql

--changeset mara:1 dbms:postgresql
--comment: Customers, one account per email address
CREATE TABLE customers (
    id          bigint PRIMARY KEY,
    email       text NOT NULL,
    full_name   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
--rollback DROP TABLE customers;

--changeset mara:2 dbms:postgresql
--comment: Customers can leave a phone number for delivery questions
ALTER TABLE customers ADD COLUMN phone text;
--rollback ALTER TABLE customers DROP COLUMN phone;

--changeset mara:3 dbms:postgresql
--comment: Countries we ship to (reference data)
--preconditions onFail:HALT onError:HALT
--precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_name = 'countries'
CREATE TABLE countries (
    code  char(2) PRIMARY KEY,
    name  text NOT NULL
);
INSERT INTO countries (code, name) VALUES
    ('DE', 'Germany'),
    ('FR', 'France'),
    ('NL', 'Netherlands'),
    ('PL', 'Poland');
--rollback DROP TABLE countries;

--changeset mara:4 dbms:postgresql
--comment: One delivery address per customer, in a country we ship to
CREATE TABLE addresses (
    customer_id   bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    line1         text NOT NULL,
    city          text NOT NULL,
    postal_code   text NOT NULL,
    country_code  char(2) NOT NULL REFERENCES countries (code)
);
--rollback DROP TABLE addresses;

--changeset mara:5 dbms:postgresql
--comment: Phone numbers move to their own table; customers will be able to keep several
CREATE TABLE customer_phones (
    customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    phone        text NOT NULL,
    PRIMARY KEY (customer_id, phone)
);
-- every customer has at most one phone at this point
INSERT INTO customer_phones (customer_id, phone)
    SELECT id, phone FROM customers WHERE phone IS NOT NULL;
ALTER TABLE customers DROP COLUMN phone;
--rollback ALTER TABLE customers ADD COLUMN phone text;
--rollback UPDATE customers c SET phone = p.phone FROM customer_phones p WHERE p.customer_id = c.id;
--rollback DROP TABLE customer_phones;
