-- Deploy invoicer:customers to mysql

BEGIN;

CREATE TABLE customers (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email        VARCHAR(190) NOT NULL,
    legacy_code  VARCHAR(16)  NOT NULL DEFAULT '',
    name         VARCHAR(120) NOT NULL,
    country      CHAR(2)      NOT NULL,
    vat_number   VARCHAR(20)  NULL,
    created_at   DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

COMMIT;
