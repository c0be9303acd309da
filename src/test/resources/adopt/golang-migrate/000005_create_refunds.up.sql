CREATE TABLE refunds (
    id           INT PRIMARY KEY,
    ticket_id    INT NOT NULL,
    amount_cents INT NOT NULL,
    CONSTRAINT refunds_ticket_fk FOREIGN KEY (ticket_id) REFERENCES tickets (id)
);
