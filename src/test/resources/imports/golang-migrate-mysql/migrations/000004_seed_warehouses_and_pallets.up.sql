INSERT INTO warehouses (code, name, country) VALUES
    ('MAN1', 'Manchester Trafford Park', 'GB'),
    ('RTM1', 'Rotterdam Waalhaven',      'NL');

-- The returnable pallets every site stocks.
INSERT INTO items (sku, name, unit, weight_grams, legacy_sku, length_mm, width_mm, height_mm) VALUES
    ('PAL-EUR', 'EUR pallet (returnable)', 'pallet', 25000, 'P-0001', 1200, 800, 144),
    ('PAL-UK',  'UK pallet (returnable)',  'pallet', 30000, 'P-0002', 1200, 1000, 150);

INSERT INTO stock_levels (warehouse_id, item_id, on_hand)
SELECT w.id, i.id, 40 FROM warehouses w CROSS JOIN items i WHERE i.sku IN ('PAL-EUR', 'PAL-UK');
