-- Deploy roomly:booking_summary to pg
-- requires: bookings
-- requires: guests
-- requires: move_room_rates

BEGIN;

CREATE VIEW booking_summary AS
SELECT b.id                                         AS booking_id,
       g.full_name                                  AS guest_name,
       g.email                                      AS guest_email,
       r.code                                       AS room_code,
       b.starts_at,
       b.ends_at,
       b.status,
       rr.rate_cents * GREATEST(1, b.ends_at::date - b.starts_at::date) AS estimated_cents,
       rr.currency
  FROM bookings b
  JOIN guests g      ON g.id = b.guest_id
  JOIN rooms r       ON r.id = b.room_id
  JOIN room_rates rr ON rr.room_id = b.room_id;

COMMIT;
