-- Deploy invoicer:subscriptions to mysql
-- requires: customers
-- requires: plans

BEGIN;

CREATE TABLE subscriptions (
    id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id  BIGINT      NOT NULL,
    plan_code    VARCHAR(20) NOT NULL,
    status       VARCHAR(12) NOT NULL DEFAULT 'trial',
    started_on   DATE        NOT NULL,
    ended_on     DATE        NULL,
    CONSTRAINT subscriptions_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT subscriptions_plan FOREIGN KEY (plan_code) REFERENCES plans (code),
    CONSTRAINT subscriptions_status CHECK (status IN ('trial', 'active', 'past_due', 'cancelled'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

COMMIT;
