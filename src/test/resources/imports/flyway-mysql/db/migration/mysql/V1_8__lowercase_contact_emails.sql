-- Sign-up stored emails as typed; lookups are by lower-case address.
UPDATE customers SET contact_email = LOWER(TRIM(contact_email))
 WHERE contact_email <> LOWER(TRIM(contact_email));
