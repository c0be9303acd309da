CREATE TABLE events (
    id        INT PRIMARY KEY,
    venue_id  INT NOT NULL,
    title     VARCHAR(200) NOT NULL,
    starts_on DATE NOT NULL,
    CONSTRAINT events_venue_fk FOREIGN KEY (venue_id) REFERENCES venues (id)
);
