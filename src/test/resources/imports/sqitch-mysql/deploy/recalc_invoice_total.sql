-- Deploy invoicer:recalc_invoice_total to mysql
-- requires: invoices
-- requires: invoice_lines

BEGIN;

DELIMITER //

CREATE PROCEDURE recalc_invoice_total(IN p_invoice_id BIGINT)
BEGIN
    DECLARE v_status VARCHAR(10);
    DECLARE v_total BIGINT DEFAULT 0;

    SELECT status INTO v_status FROM invoices WHERE id = p_invoice_id;
    IF v_status IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no such invoice';
    ELSEIF v_status <> 'draft' THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'only a draft invoice can be recalculated';
    END IF;

    SELECT COALESCE(SUM(quantity * unit_cents), 0) INTO v_total
      FROM invoice_lines
     WHERE invoice_id = p_invoice_id;

    UPDATE invoices SET total_cents = v_total WHERE id = p_invoice_id;
END //

DELIMITER ;

COMMIT;
