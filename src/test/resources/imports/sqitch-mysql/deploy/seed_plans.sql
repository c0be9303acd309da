-- Deploy invoicer:seed_plans to mysql
-- requires: plans

BEGIN;

INSERT INTO plans (code, name, monthly_cents) VALUES
    ('starter',  'Starter',   900),
    ('team',     'Team',     4900),
    ('business', 'Business', 19900);

COMMIT;
