-- Bikes in the workshop must not be offered for rent.
ALTER TABLE bikes ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'available';
