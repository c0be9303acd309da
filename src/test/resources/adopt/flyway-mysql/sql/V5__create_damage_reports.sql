CREATE TABLE damage_reports (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    rental_id   BIGINT NOT NULL,
    description TEXT NOT NULL,
    reported_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT damage_rental_fk FOREIGN KEY (rental_id) REFERENCES rentals (id)
) ENGINE = InnoDB;
