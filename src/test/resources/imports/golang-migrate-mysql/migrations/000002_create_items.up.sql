-- legacy_sku is the code printed on old shelf labels; length/width/height move out in 000009.
CREATE TABLE items (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    sku          VARCHAR(32)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    unit         ENUM('piece', 'box', 'pallet') NOT NULL DEFAULT 'piece',
    weight_grams INT NOT NULL,
    legacy_sku   VARCHAR(32)  NOT NULL DEFAULT '',
    length_mm    INT NULL,
    width_mm     INT NULL,
    height_mm    INT NULL,
    CONSTRAINT items_sku_uq UNIQUE (sku),
    CONSTRAINT items_weight_positive CHECK (weight_grams > 0)
) ENGINE=InnoDB;
