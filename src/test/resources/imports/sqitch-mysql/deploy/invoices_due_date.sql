-- Deploy invoicer:invoices_due_date to mysql
-- requires: invoices

BEGIN;

ALTER TABLE invoices ADD COLUMN due_on DATE NULL AFTER issued_on;

CREATE INDEX invoices_by_status_issued ON invoices (status, issued_on);

COMMIT;
