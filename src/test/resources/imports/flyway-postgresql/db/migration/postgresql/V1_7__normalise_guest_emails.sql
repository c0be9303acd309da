-- Emails typed at the front desk came in with capitals and trailing blanks.
UPDATE guests SET email = lower(trim(email)) WHERE email <> lower(trim(email));
