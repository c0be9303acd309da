-- Deploy library:books to pg and mysql

BEGIN;

CREATE TABLE books (
    id    INT PRIMARY KEY,
    isbn  VARCHAR(17) NOT NULL UNIQUE,
    title VARCHAR(300) NOT NULL
);

COMMIT;
