DROP VIEW IF EXISTS order_summary;
