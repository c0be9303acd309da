--liquibase formatted sql

--changeset lena:1 dbms:mariadb,mysql
--comment: Guests, one per email address
CREATE TABLE guests (
    id         BIGINT NOT NULL PRIMARY KEY,
    email      VARCHAR(255) NOT NULL,
    full_name  VARCHAR(200) NOT NULL,
    phone      VARCHAR(40) NULL,
    UNIQUE KEY guests_email_uq (email)
) ENGINE=InnoDB;
--rollback DROP TABLE guests;

--changeset lena:2 dbms:mariadb,mysql
--comment: Room types (reference data)
CREATE TABLE room_types (
    code   VARCHAR(20) NOT NULL PRIMARY KEY,
    label  VARCHAR(80) NOT NULL,
    beds   INT NOT NULL
) ENGINE=InnoDB;
INSERT INTO room_types (code, label, beds) VALUES
    ('single', 'Single room', 1),
    ('double', 'Double room', 2),
    ('family', 'Family room', 4);
--rollback DROP TABLE room_types;

--changeset lena:3 dbms:mariadb,mysql
--comment: Rooms, each of one type
CREATE TABLE rooms (
    number     VARCHAR(10) NOT NULL PRIMARY KEY,
    room_type  VARCHAR(20) NOT NULL,
    floor      INT NOT NULL,
    CONSTRAINT rooms_type_fk FOREIGN KEY (room_type) REFERENCES room_types (code)
) ENGINE=InnoDB;
--rollback DROP TABLE rooms;
