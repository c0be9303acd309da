-- Who scanned the movement; the daily audit also reads movements by time.
ALTER TABLE stock_movements ADD COLUMN operator VARCHAR(64) NULL;
CREATE INDEX stock_movements_moved_at_idx ON stock_movements (moved_at);
