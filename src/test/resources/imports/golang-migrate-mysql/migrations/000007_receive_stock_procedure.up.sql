CREATE PROCEDURE receive_stock(IN p_warehouse INT, IN p_item BIGINT, IN p_quantity INT)
BEGIN
    IF p_quantity <= 0 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'receive_stock: quantity must be positive';
    END IF;

    INSERT INTO stock_levels (warehouse_id, item_id, on_hand)
    VALUES (p_warehouse, p_item, p_quantity)
    ON DUPLICATE KEY UPDATE on_hand = on_hand + p_quantity;

    INSERT INTO stock_movements (warehouse_id, item_id, quantity, reason)
    VALUES (p_warehouse, p_item, p_quantity, 'receipt');
END;
