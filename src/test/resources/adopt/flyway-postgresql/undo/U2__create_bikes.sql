DROP TABLE bikes;
