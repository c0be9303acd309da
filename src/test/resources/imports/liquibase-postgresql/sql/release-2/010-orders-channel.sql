--liquibase formatted sql

--changeset priya:billing-4 dbms:postgresql
--comment: Every order comes through the web shop now; the channel column goes
ALTER TABLE orders DROP COLUMN channel;
--rollback ALTER TABLE orders ADD COLUMN channel text DEFAULT 'web';
