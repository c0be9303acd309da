--liquibase formatted sql

--changeset lena:4 dbms:mariadb,mysql
--comment: Bookings: a guest, a room, two dates and a held/confirmed/cancelled status
CREATE TABLE bookings (
    id           BIGINT NOT NULL PRIMARY KEY,
    guest_id     BIGINT NOT NULL,
    room_number  VARCHAR(10) NOT NULL,
    check_in     DATE NOT NULL,
    check_out    DATE NOT NULL,
    status       VARCHAR(12) NOT NULL DEFAULT 'held',
    source       VARCHAR(20) NOT NULL DEFAULT 'desk',
    CONSTRAINT bookings_guest_fk FOREIGN KEY (guest_id) REFERENCES guests (id),
    CONSTRAINT bookings_room_fk FOREIGN KEY (room_number) REFERENCES rooms (number),
    CONSTRAINT bookings_status_chk CHECK (status IN ('held', 'confirmed', 'cancelled')),
    CONSTRAINT bookings_dates_chk CHECK (check_out > check_in)
) ENGINE=InnoDB;
--rollback DROP TABLE bookings;

--changeset lena:5 dbms:mariadb,mysql
--comment: Find bookings by date; nobody stays more than 60 nights
CREATE INDEX bookings_dates_idx ON bookings (check_in, check_out);
ALTER TABLE bookings ADD CONSTRAINT bookings_nights_chk CHECK (DATEDIFF(check_out, check_in) <= 60);
--rollback ALTER TABLE bookings DROP CONSTRAINT bookings_nights_chk;

--changeset lena:6 dbms:mariadb,mysql
--comment: Guest phone numbers move to guest_contacts
CREATE TABLE guest_contacts (
    guest_id  BIGINT NOT NULL PRIMARY KEY,
    phone     VARCHAR(40) NOT NULL,
    CONSTRAINT guest_contacts_guest_fk FOREIGN KEY (guest_id) REFERENCES guests (id) ON DELETE CASCADE
) ENGINE=InnoDB;
INSERT INTO guest_contacts (guest_id, phone) SELECT id, phone FROM guests WHERE phone IS NOT NULL;
ALTER TABLE guests DROP COLUMN phone;
--rollback ALTER TABLE guests ADD COLUMN phone VARCHAR(40) NULL AFTER full_name;
--rollback UPDATE guests g JOIN guest_contacts c ON c.guest_id = g.id SET g.phone = c.phone;
--rollback DROP TABLE guest_contacts;

--changeset lena:7 dbms:mariadb,mysql
--comment: Bookings are all made online now; the source column goes
ALTER TABLE bookings DROP COLUMN source;
--rollback ALTER TABLE bookings ADD COLUMN source VARCHAR(20) DEFAULT 'desk' AFTER status;

--changeset tomas:confirm-booking dbms:mariadb,mysql endDelimiter://
--comment: Confirm a held booking, refusing any other
CREATE PROCEDURE confirm_booking(IN p_booking_id BIGINT)
BEGIN
    DECLARE v_status VARCHAR(12);
    SELECT status INTO v_status FROM bookings WHERE id = p_booking_id FOR UPDATE;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no such booking';
    ELSEIF v_status <> 'held' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'only a held booking can be confirmed';
    END IF;
    UPDATE bookings SET status = 'confirmed' WHERE id = p_booking_id;
END//
--rollback DROP PROCEDURE confirm_booking;
