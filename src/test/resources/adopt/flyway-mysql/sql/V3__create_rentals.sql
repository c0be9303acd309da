CREATE TABLE rentals (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    bike_id     BIGINT NOT NULL,
    starts_at   DATETIME NOT NULL,
    ends_at     DATETIME NULL,
    CONSTRAINT rentals_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT rentals_bike_fk FOREIGN KEY (bike_id) REFERENCES bikes (id)
) ENGINE = InnoDB;
