CREATE VIEW low_stock AS
SELECT w.code AS warehouse, i.sku, i.title, s.on_hand
  FROM stock_levels s
  JOIN warehouses w ON w.id = s.warehouse_id
  JOIN items i      ON i.id = s.item_id
 WHERE s.on_hand < 10;
