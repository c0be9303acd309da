-- Revert roomly:move_room_rates from pg

BEGIN;

ALTER TABLE rooms ADD COLUMN rate_cents integer;

UPDATE rooms r
   SET rate_cents = rr.rate_cents
  FROM room_rates rr
 WHERE rr.room_id = r.id;

ALTER TABLE rooms ALTER COLUMN rate_cents SET NOT NULL;
ALTER TABLE rooms ADD CONSTRAINT rooms_rate_cents_check CHECK (rate_cents >= 0);

DROP TABLE room_rates;

COMMIT;
