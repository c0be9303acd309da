DROP TABLE IF EXISTS stock_levels;
