CREATE TABLE stock_movements (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    warehouse_id INT         NOT NULL,
    item_id      BIGINT      NOT NULL,
    quantity     INT         NOT NULL,
    reason       VARCHAR(20) NOT NULL,
    moved_at     DATETIME    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT stock_movements_level_fk FOREIGN KEY (warehouse_id, item_id)
        REFERENCES stock_levels (warehouse_id, item_id),
    CONSTRAINT stock_movements_reason CHECK (reason IN ('receipt', 'pick', 'adjustment', 'transfer'))
) ENGINE=InnoDB;
