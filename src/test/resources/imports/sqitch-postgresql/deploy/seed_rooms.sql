-- Deploy roomly:seed_rooms to pg
-- requires: rooms

BEGIN;

INSERT INTO rooms (id, code, name, capacity, floor, rate_cents) VALUES
    (1, 'LYS-101',  'Rhône',           2,  1,  8900),
    (2, 'LYS-102',  'Saône',           2,  1,  8900),
    (3, 'LYS-201',  'Fourvière suite', 4,  2, 15900),
    (4, 'LYS-HALL', 'Conference hall', 40, 0, 45000);

COMMIT;
