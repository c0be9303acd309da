CREATE TABLE stock_levels (
    warehouse_id INT    NOT NULL,
    item_id      BIGINT NOT NULL,
    on_hand      INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_id, item_id),
    CONSTRAINT stock_levels_warehouse_fk FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT stock_levels_item_fk FOREIGN KEY (item_id) REFERENCES items (id),
    CONSTRAINT stock_levels_not_negative CHECK (on_hand >= 0)
) ENGINE=InnoDB;
