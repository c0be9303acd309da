ALTER TABLE items ADD COLUMN hazard_class VARCHAR(8) NULL,
    ADD CONSTRAINT items_hazard_class CHECK (hazard_class IS NULL OR hazard_class IN ('1', '2', '3', '8', '9'));
