CREATE TABLE subscriptions (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT      NOT NULL,
    plan_code   VARCHAR(30) NOT NULL,
    state       ENUM('trial', 'active', 'past_due', 'cancelled') NOT NULL DEFAULT 'trial',
    started_on  DATE        NOT NULL,
    ends_on     DATE,
    CONSTRAINT subscriptions_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT subscriptions_plan_fk FOREIGN KEY (plan_code) REFERENCES plans (code)
) ENGINE=InnoDB;
