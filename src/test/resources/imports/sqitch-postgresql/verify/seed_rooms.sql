-- Verify roomly:seed_rooms on pg

BEGIN;

-- Divides by zero unless the hall is there.
SELECT 1 / count(*) FROM rooms WHERE code = 'LYS-HALL';

ROLLBACK;
