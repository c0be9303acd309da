ALTER TABLE invoices
    ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'GBP',
    ADD CONSTRAINT invoices_currency_known CHECK (currency IN ('GBP', 'EUR', 'USD'));
