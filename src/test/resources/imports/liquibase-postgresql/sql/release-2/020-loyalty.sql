--liquibase formatted sql

--changeset ana:loyalty-1 dbms:postgresql
--comment: Loyalty tiers (reference data)
CREATE TABLE loyalty_tiers (
    code        text PRIMARY KEY,
    min_points  integer NOT NULL CHECK (min_points >= 0)
);
INSERT INTO loyalty_tiers (code, min_points) VALUES ('bronze', 0), ('silver', 500), ('gold', 2000);
--rollback DROP TABLE loyalty_tiers;

--changeset ana:loyalty-2 dbms:postgresql
--comment: Each customer belongs to a loyalty tier
ALTER TABLE customers ADD COLUMN loyalty_tier text REFERENCES loyalty_tiers (code);
--rollback ALTER TABLE customers DROP COLUMN loyalty_tier;

--changeset ana:loyalty-3 dbms:postgresql
--comment: Existing customers start in bronze
UPDATE customers SET loyalty_tier = 'bronze' WHERE loyalty_tier IS NULL;
--rollback not required

--changeset ana:loyalty-4 dbms:postgresql
--comment: New customers start in bronze too; the tier is always set
ALTER TABLE customers ALTER COLUMN loyalty_tier SET DEFAULT 'bronze';
ALTER TABLE customers ALTER COLUMN loyalty_tier SET NOT NULL;
--rollback ALTER TABLE customers ALTER COLUMN loyalty_tier DROP NOT NULL;
--rollback ALTER TABLE customers ALTER COLUMN loyalty_tier DROP DEFAULT;
