-- V1.7 may have normalised these addresses since, so match them the way it writes them.
DELETE FROM bookings
 WHERE guest_id IN (SELECT id FROM guests
                     WHERE lower(trim(email)) IN ('walk-in@harbour-hotel.example', 'staff@harbour-hotel.example'));
DELETE FROM guests WHERE lower(trim(email)) IN ('walk-in@harbour-hotel.example', 'staff@harbour-hotel.example');
DELETE FROM rooms WHERE number IN ('101', '102', '201', '301');
