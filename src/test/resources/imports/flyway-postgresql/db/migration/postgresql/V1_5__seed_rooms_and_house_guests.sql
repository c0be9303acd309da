INSERT INTO rooms (number, room_type, floor, legacy_code) VALUES
    ('101', 'single', 1, 'H-101'),
    ('102', 'double', 1, 'H-102'),
    ('201', 'family', 2, 'H-201'),
    ('301', 'suite',  3, 'H-301');

-- House accounts: the front desk books staff stays and walk-ins against these.
INSERT INTO guests (full_name, email, phone, street, city, postcode) VALUES
    ('Walk-in Guest', 'Walk-In@harbour-hotel.example ', NULL, NULL, NULL, NULL),
    ('Staff Stay',    'staff@harbour-hotel.example', '+44 1632 960123', '1 Quay Street', 'Portsmouth', 'PO1 3AA');

INSERT INTO bookings (guest_id, room_id, check_in, check_out, notes)
SELECT g.id, r.id, DATE '2025-03-01', DATE '2025-03-03', 'late arrival'
  FROM guests g, rooms r
 WHERE g.email = 'staff@harbour-hotel.example' AND r.number = '102';
