CREATE TABLE warehouses (
    id        INT AUTO_INCREMENT PRIMARY KEY,
    code      VARCHAR(10)  NOT NULL,
    name      VARCHAR(100) NOT NULL,
    country   CHAR(2)      NOT NULL,
    CONSTRAINT warehouses_code_uq UNIQUE (code)
) ENGINE=InnoDB;
