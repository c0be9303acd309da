CREATE TABLE plans (
    code           VARCHAR(30) PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    price          INT NOT NULL,
    billing_period VARCHAR(10) NOT NULL,
    CONSTRAINT plans_price_positive CHECK (price >= 0),
    CONSTRAINT plans_billing_period CHECK (billing_period IN ('monthly', 'yearly'))
) ENGINE=InnoDB;
