INSERT INTO plans (code, name, price, billing_period) VALUES
    ('starter-m',  'Starter',  1900,  'monthly'),
    ('team-m',     'Team',     4900,  'monthly'),
    ('team-y',     'Team',     49000, 'yearly'),
    ('business-y', 'Business', 99000, 'yearly');
