-- The front desk's arrivals screen reads this view.
CREATE OR REPLACE VIEW booking_overview AS
SELECT b.id            AS booking_id,
       g.full_name     AS guest,
       r.number        AS room,
       t.label         AS room_type,
       b.check_in,
       b.check_out,
       b.status,
       b.source,
       b.special_requests
  FROM bookings b
  JOIN guests g     ON g.id = b.guest_id
  JOIN rooms r      ON r.id = b.room_id
  JOIN room_types t ON t.code = r.room_type;
