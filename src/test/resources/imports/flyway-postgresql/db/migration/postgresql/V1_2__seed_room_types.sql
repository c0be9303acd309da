-- Reference data: the room types the front desk can sell.
INSERT INTO room_types (code, label, max_guests, base_rate_cents) VALUES
    ('single', 'Single room',        1,  8900),
    ('double', 'Double room',        2, 12900),
    ('family', 'Family room',        4, 17900),
    ('suite',  'Harbour view suite', 3, 26900);
