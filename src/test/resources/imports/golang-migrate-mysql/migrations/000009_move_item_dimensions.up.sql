-- Packaging has its own dimensions per unit; items keep one row each for now.
CREATE TABLE item_dimensions (
    item_id   BIGINT PRIMARY KEY,
    length_mm INT NOT NULL,
    width_mm  INT NOT NULL,
    height_mm INT NOT NULL,
    CONSTRAINT item_dimensions_item_fk FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO item_dimensions (item_id, length_mm, width_mm, height_mm)
SELECT id, length_mm, width_mm, height_mm FROM items
 WHERE length_mm IS NOT NULL AND width_mm IS NOT NULL AND height_mm IS NOT NULL;

ALTER TABLE items DROP COLUMN length_mm, DROP COLUMN width_mm, DROP COLUMN height_mm;
