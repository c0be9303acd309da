DELETE FROM plans WHERE code IN ('starter-m', 'team-m', 'team-y', 'business-y');
