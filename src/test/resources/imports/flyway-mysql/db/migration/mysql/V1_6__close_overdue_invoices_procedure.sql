-- Called nightly by the scheduler: marks subscriptions past due when an invoice is 14 days late.
DELIMITER //
CREATE PROCEDURE mark_past_due_subscriptions(IN p_today DATE)
BEGIN
    DECLARE v_count INT DEFAULT 0;

    UPDATE subscriptions s
      JOIN invoices i ON i.subscription_id = s.id
       SET s.state = 'past_due'
     WHERE s.state = 'active'
       AND i.paid_at IS NULL
       AND i.due_on < p_today - INTERVAL 14 DAY;

    SET v_count = ROW_COUNT();
    IF v_count > 0 THEN
        UPDATE invoices SET reminder_sent_at = NOW()
         WHERE paid_at IS NULL AND due_on < p_today - INTERVAL 14 DAY;
    END IF;
END //
DELIMITER ;
