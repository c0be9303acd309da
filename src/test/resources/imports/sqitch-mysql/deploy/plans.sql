-- Deploy invoicer:plans to mysql

BEGIN;

CREATE TABLE plans (
    code           VARCHAR(20) NOT NULL PRIMARY KEY,
    name           VARCHAR(80) NOT NULL,
    monthly_cents  INT         NOT NULL,
    CONSTRAINT plans_price CHECK (monthly_cents >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

COMMIT;
