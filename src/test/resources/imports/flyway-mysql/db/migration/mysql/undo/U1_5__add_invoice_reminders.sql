ALTER TABLE invoices DROP COLUMN reminder_sent_at;
