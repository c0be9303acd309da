-- The order tables as the shop keeps them, with a few orders, for rehearsing order-totals.yaml on MySQL/MariaDB.
-- Written for the mysql client (mysql shop < orders-mysql.sql); Backstep reads it the same way, DELIMITER included.

CREATE TABLE orders (
  id           BIGINT      NOT NULL PRIMARY KEY,
  customer_ref VARCHAR(40) NOT NULL,
  status       VARCHAR(20) NOT NULL DEFAULT 'open',
  total_cents  BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE order_lines (
  id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id         BIGINT      NOT NULL,
  sku              VARCHAR(40) NOT NULL,
  quantity         INT         NOT NULL,
  unit_price_cents BIGINT      NOT NULL,
  CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);

INSERT INTO orders (id, customer_ref, status, total_cents) VALUES
  (1, 'C-1001', 'open', 0),
  (2, 'C-1002', 'open', 0),
  (3, 'C-1003', 'empty', 0);

-- Support staff add lines by hand through this procedure; it refuses a quantity that is not positive.
DELIMITER //
CREATE PROCEDURE add_order_line(IN p_order_id BIGINT, IN p_sku VARCHAR(40), IN p_quantity INT,
                                IN p_unit_price_cents BIGINT)
BEGIN
  IF p_quantity <= 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'quantity must be positive; nothing was added';
  END IF;
  INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents)
    VALUES (p_order_id, p_sku, p_quantity, p_unit_price_cents);
END //
DELIMITER ;

CALL add_order_line(1, 'MUG-RED', 2, 1250);
CALL add_order_line(1, 'TEA-EARL-GREY', 1, 899);
CALL add_order_line(2, 'KETTLE-STEEL', 1, 4500);

UPDATE orders SET total_cents = 3399 WHERE id = 1;
UPDATE orders SET total_cents = 4500 WHERE id = 2;
