ALTER TABLE items
    ADD COLUMN length_mm INT NULL,
    ADD COLUMN width_mm  INT NULL,
    ADD COLUMN height_mm INT NULL;

UPDATE items i JOIN item_dimensions d ON d.item_id = i.id
   SET i.length_mm = d.length_mm, i.width_mm = d.width_mm, i.height_mm = d.height_mm;

DROP TABLE IF EXISTS item_dimensions;
