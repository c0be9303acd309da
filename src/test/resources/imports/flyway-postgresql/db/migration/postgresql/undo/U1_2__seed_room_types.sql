DELETE FROM room_types WHERE code IN ('single', 'double', 'family', 'suite');
