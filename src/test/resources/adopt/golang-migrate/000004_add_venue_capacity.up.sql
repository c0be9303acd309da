ALTER TABLE venues ADD COLUMN capacity INT;
UPDATE venues SET capacity = 500;
