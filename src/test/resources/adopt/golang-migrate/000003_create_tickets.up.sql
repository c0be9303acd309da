CREATE TABLE tickets (
    id          INT PRIMARY KEY,
    event_id    INT NOT NULL,
    seat        VARCHAR(10) NOT NULL,
    price_cents INT NOT NULL,
    CONSTRAINT tickets_event_fk FOREIGN KEY (event_id) REFERENCES events (id)
);
CREATE UNIQUE INDEX tickets_seat_idx ON tickets (event_id, seat);
