-- Verify roomly:guests_email_lower_index on pg

BEGIN;

SELECT 1 / count(*)
  FROM pg_indexes
 WHERE schemaname = current_schema()
   AND indexname = 'guests_email_lower';

ROLLBACK;
