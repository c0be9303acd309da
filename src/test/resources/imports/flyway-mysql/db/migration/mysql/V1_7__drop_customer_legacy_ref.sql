-- legacy_ref pointed into the spreadsheet we billed from before; nobody reads it now.
ALTER TABLE customers DROP COLUMN legacy_ref;
