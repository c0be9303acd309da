CREATE TABLE invoices (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    subscription_id BIGINT NOT NULL,
    issued_on       DATE   NOT NULL,
    due_on          DATE   NOT NULL,
    amount_cents    INT    NOT NULL,
    paid_at         DATETIME NULL,
    CONSTRAINT invoices_subscription_fk FOREIGN KEY (subscription_id) REFERENCES subscriptions (id),
    CONSTRAINT invoices_amount_positive CHECK (amount_cents > 0)
) ENGINE=InnoDB;

CREATE INDEX invoices_issued_on_idx ON invoices (issued_on);
