-- Deploy library:patrons to pg and mysql

BEGIN;

CREATE TABLE patrons (
    id        INT PRIMARY KEY,
    card_no   VARCHAR(20) NOT NULL UNIQUE,
    full_name VARCHAR(200) NOT NULL
);

COMMIT;
