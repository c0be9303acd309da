DELETE FROM stock_levels
 WHERE item_id IN (SELECT id FROM items WHERE sku IN ('PAL-EUR', 'PAL-UK'));
DELETE FROM items WHERE sku IN ('PAL-EUR', 'PAL-UK');
DELETE FROM warehouses WHERE code IN ('MAN1', 'RTM1');
