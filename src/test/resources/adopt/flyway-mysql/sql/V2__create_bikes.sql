-- The fleet, with the two demo bikes every new shop starts with.
CREATE TABLE bikes (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    frame_no          VARCHAR(40) NOT NULL UNIQUE,
    model             VARCHAR(100) NOT NULL,
    hourly_rate_cents INT NOT NULL
) ENGINE = InnoDB;

INSERT INTO bikes (frame_no, model, hourly_rate_cents) VALUES
    ('WTU-1001', 'City cruiser', 800),
    ('WTU-1002', 'Cargo bike', 1500);
