DROP TABLE room_types;
