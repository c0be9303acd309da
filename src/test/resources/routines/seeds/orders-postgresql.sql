-- The order tables as the shop keeps them, with a few orders, for rehearsing order-totals.yaml on PostgreSQL.
-- Written for psql (psql -f orders-postgresql.sql); Backstep reads it the same way, BEGIN ATOMIC bodies included.

CREATE TABLE orders (
  id           bigint      NOT NULL PRIMARY KEY,
  customer_ref varchar(40) NOT NULL,
  status       varchar(20) NOT NULL DEFAULT 'open',
  total_cents  bigint      NOT NULL DEFAULT 0
);

CREATE TABLE order_lines (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id         bigint      NOT NULL CONSTRAINT order_lines_order_fk REFERENCES orders (id),
  sku              varchar(40) NOT NULL,
  quantity         integer     NOT NULL,
  unit_price_cents bigint      NOT NULL
);

INSERT INTO orders (id, customer_ref, status, total_cents) VALUES
  (1, 'C-1001', 'open', 0),
  (2, 'C-1002', 'open', 0),
  (3, 'C-1003', 'empty', 0);

-- Support staff add lines by hand through this procedure; an empty order it touches becomes open.
CREATE PROCEDURE add_order_line(p_order_id bigint, p_sku varchar, p_quantity integer, p_unit_price_cents bigint)
LANGUAGE SQL
BEGIN ATOMIC
  INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents)
    VALUES (p_order_id, p_sku, p_quantity, p_unit_price_cents);
  UPDATE orders SET status = CASE WHEN status = 'empty' THEN 'open' ELSE status END WHERE id = p_order_id;
END;

CALL add_order_line(1, 'MUG-RED', 2, 1250);
CALL add_order_line(1, 'TEA-EARL-GREY', 1, 899);
CALL add_order_line(2, 'KETTLE-STEEL', 1, 4500);

UPDATE orders SET total_cents = 3399 WHERE id = 1;
UPDATE orders SET total_cents = 4500 WHERE id = 2;
