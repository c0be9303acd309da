-- The dunning job remembers when it last reminded a customer, and scans invoices by due date.
ALTER TABLE invoices ADD COLUMN reminder_sent_at DATETIME NULL;

CREATE INDEX invoices_due_on_idx ON invoices (due_on);
