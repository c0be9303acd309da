--liquibase formatted sql

--changeset lena:8 dbms:mariadb,mysql
--comment: Guests review their stay, one to five stars
CREATE TABLE reviews (
    booking_id  BIGINT NOT NULL PRIMARY KEY,
    stars       TINYINT NOT NULL,
    body        TEXT NULL,
    CONSTRAINT reviews_booking_fk FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
    CONSTRAINT reviews_stars_chk CHECK (stars BETWEEN 1 AND 5)
) ENGINE=InnoDB;
--rollback DROP TABLE reviews;

--changeset lena:9 dbms:mariadb,mysql
--comment: Suites join the room types
INSERT INTO room_types (code, label, beds) VALUES ('suite', 'Suite', 2);
--rollback empty
