-- Deploy library:loans to pg and mysql

BEGIN;

CREATE TABLE loans (
    id         INT PRIMARY KEY,
    patron_id  INT NOT NULL,
    book_id    INT NOT NULL,
    lent_on    DATE NOT NULL,
    returned_on DATE,
    CONSTRAINT loans_patron_fk FOREIGN KEY (patron_id) REFERENCES patrons (id),
    CONSTRAINT loans_book_fk FOREIGN KEY (book_id) REFERENCES books (id)
);

COMMIT;
