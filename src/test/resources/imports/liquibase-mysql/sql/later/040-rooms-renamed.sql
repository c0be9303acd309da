--liquibase formatted sql

--changeset lena:10 dbms:mariadb,mysql
--comment: Room types are called categories at the front desk
ALTER TABLE rooms RENAME COLUMN room_type TO category;
--rollback ALTER TABLE rooms RENAME COLUMN category TO room_type;
