package backstep.playbook;

import static backstep.playbook.DialectFamily.MYSQL;
import static backstep.playbook.DialectFamily.POSTGRESQL;
import static backstep.playbook.SqlSplitterTest.assertUnterminated;
import static backstep.playbook.SqlSplitterTest.sqls;
import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.SqlSplitter.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SqlSplitter on MySQL/MariaDB routine bodies (triggers, procedures, functions, events, anonymous blocks) and the
 * DELIMITER command, split from SqlSplitterTest to keep each class under the 400-line budget.
 */
class SqlSplitterMySqlBodiesTest {
  @Test
  void mysqlTriggerWithSingleStatementBody() {
    String sql = "CREATE TRIGGER t BEFORE INSERT ON items\nFOR EACH ROW SET NEW.a = 'x;y';\nSELECT 1;";
    assertEquals(
        List.of(new Statement("CREATE TRIGGER t BEFORE INSERT ON items\nFOR EACH ROW SET NEW.a = 'x;y'", 1),
            new Statement("SELECT 1", 3)),
        SqlSplitter.split(sql, MYSQL));
  }

  @Test
  void mysqlProcedureWithNestedBlocksIsOneStatement() {
    String body = """
        CREATE PROCEDURE recalc(IN p_id BIGINT)
        BEGIN
          DECLARE v_total BIGINT DEFAULT 0;
          DECLARE done INT DEFAULT 0;
          DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
          SELECT SUM(qty * price) INTO v_total FROM lines WHERE order_id = p_id;
          IF v_total IS NULL THEN
            SET v_total = 0;
          ELSEIF v_total > 1000 THEN
            BEGIN
              INSERT INTO big_orders VALUES (p_id);
            END;
          ELSE
            SET v_total = v_total + 0;
          END IF;
          scan: LOOP
            SET done = done + 1;
            IF done > 3 THEN LEAVE scan; END IF;
          END LOOP scan;
          WHILE done > 0 DO
            SET done = done - 1;
          END WHILE;
          REPEAT
            SET done = done + 1;
          UNTIL done >= 2 END REPEAT;
          CASE done
            WHEN 2 THEN SET v_total = v_total + 1;
            ELSE SET v_total = v_total - 1;
          END CASE;
          UPDATE orders SET total = v_total WHERE id = p_id;
        END""";
    String sql = "-- recompute\n" + body + ";\n\nCALL recalc(1);\n";
    assertEquals(List.of(new Statement(body, 2), new Statement("CALL recalc(1)", 34)),
        SqlSplitter.split(sql, MYSQL));
  }

  @Test
  void mysqlCaseExpressionEndInsideABodyDoesNotCloseIt() {
    String body = """
        CREATE TRIGGER orders_status BEFORE UPDATE ON orders FOR EACH ROW
        BEGIN
          SET NEW.status = CASE WHEN NEW.total = 0 THEN 'empty' ELSE NEW.status END;
          SET NEW.note = (CASE NEW.kind WHEN 1 THEN 'a' END);
          SET NEW.label = CONCAT('x', CASE WHEN NEW.total > 9 THEN 'big' END, 'y');
        END""";
    assertEquals(List.of(body, "SELECT 1"), sqls(body + ";\nSELECT 1;", MYSQL));
  }

  @Test
  void mysqlFunctionWithIfFunctionsAndDdlIfClauses() {
    String body = """
        CREATE FUNCTION IF NOT EXISTS fee(p_total DECIMAL(10,2)) RETURNS DECIMAL(10,2)
        DETERMINISTIC
        COMMENT 'fee; never negative'
        BEGIN
          DECLARE v DECIMAL(10,2) DEFAULT IF(p_total > 100, 0, 4.95);
          DROP TEMPORARY TABLE IF EXISTS fee_tmp;
          CREATE TEMPORARY TABLE IF NOT EXISTS fee_tmp (x INT);
          IF NOT EXISTS (SELECT 1 FROM fee_tmp) THEN
            SET v = IF(v < 0, 0, v);
          END IF;
          IF (v > 10) THEN SET v = 10; END IF;
          RETURN REPEAT('x', 0) + v;
        END""";
    assertEquals(List.of(body, "SELECT fee(3)"), sqls(body + "; SELECT fee(3)", MYSQL));
  }

  @Test
  void mysqlBodiesThatAreASingleCompoundStatement() {
    String trigger = "CREATE TRIGGER t BEFORE INSERT ON items FOR EACH ROW\n"
        + "IF NEW.qty < 0 THEN SET NEW.qty = 0; SET NEW.note = 'fixed'; END IF";
    String function = "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, x, 0)";
    String loop = "CREATE PROCEDURE spin() l: LOOP SELECT 1; LEAVE l; END LOOP l";
    assertEquals(List.of(trigger, function, loop, "SELECT 2"),
        sqls(trigger + ";\n" + function + ";\n" + loop + ";\nSELECT 2", MYSQL));
  }

  @Test
  void mysqlEventAndDefinerClauses() {
    String event = """
        CREATE DEFINER=`ops`@`%` EVENT purge_sessions ON SCHEDULE EVERY 1 DAY
        STARTS CURRENT_TIMESTAMP + INTERVAL 1 HOUR ENDS '2031-01-01 00:00:00'
        DO BEGIN
          DELETE FROM sessions WHERE expires_at < NOW();
          INSERT INTO purge_log (at) VALUES (NOW());
        END""";
    String trigger = """
        CREATE OR REPLACE DEFINER = CURRENT_USER TRIGGER lines_ai AFTER INSERT ON lines
        FOR EACH ROW FOLLOWS lines_audit BEGIN
          CALL recalc(NEW.order_id);
        END""";
    String procedure = "CREATE DEFINER=root@localhost PROCEDURE p() BEGIN SELECT 1; SELECT 2; END";
    assertEquals(List.of(event, trigger, procedure),
        sqls(event + ";\n" + trigger + ";\n" + procedure + ";", MYSQL));
  }

  @Test
  void mariadbForLoopAndColumnsNamedBeginAndEnd() {
    String body = """
        CREATE PROCEDURE fill_periods()
        BEGIN
          DECLARE c CURSOR FOR SELECT id FROM periods;
          DECLARE CONTINUE HANDLER FOR NOT FOUND SET @done = 1;
          FOR i IN 1..3 DO
            INSERT INTO periods (begin, end) VALUES (i, i + 1);
            UPDATE periods SET end = i, begin = i WHERE periods.end IS NULL;
            SELECT begin, end FROM periods;
          END FOR;
        END""";
    assertEquals(List.of(body, "CALL fill_periods()"), sqls(body + ";\nCALL fill_periods();", MYSQL));
  }

  @Test
  void mysqldumpRoutinesInExecutableCommentsWithDelimiter() {
    String sql = """
        /*!50003 SET @saved_sql_mode = @@sql_mode */ ;
        DELIMITER ;;
        /*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER lines_ai AFTER INSERT ON lines FOR EACH ROW
        BEGIN
          CALL recalc(NEW.order_id);
        END */;;
        DELIMITER ;
        /*!50003 SET sql_mode = @saved_sql_mode */ ;
        """;
    assertEquals(List.of(new Statement("/*!50003 SET @saved_sql_mode = @@sql_mode */", 1),
        new Statement("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER lines_ai AFTER INSERT ON lines"
            + " FOR EACH ROW\nBEGIN\n  CALL recalc(NEW.order_id);\nEND */", 3),
        new Statement("/*!50003 SET sql_mode = @saved_sql_mode */", 8)), SqlSplitter.split(sql, MYSQL));
  }

  @Test
  void mariadbAnonymousBlock() {
    String block = "BEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 1;\n  IF x THEN SELECT 1; END IF;\nEND";
    assertEquals(List.of(new Statement(block, 1), new Statement("SELECT 2", 4)),
        SqlSplitter.split(block + "; SELECT 2;", MYSQL));
  }

  @Test
  void transactionStatementsAreNotBodies() {
    String sql = "BEGIN;\nUPDATE a SET x = 1;\nCOMMIT;\nBEGIN WORK;\nDELETE FROM a;\nROLLBACK;\n"
        + "START TRANSACTION;\nUPDATE a SET x = 2;\nCOMMIT";
    List<String> expected = List.of("BEGIN", "UPDATE a SET x = 1", "COMMIT", "BEGIN WORK", "DELETE FROM a",
        "ROLLBACK", "START TRANSACTION", "UPDATE a SET x = 2", "COMMIT");
    assertEquals(expected, sqls(sql, MYSQL));
    assertEquals(List.of("BEGIN", "UPDATE a SET x = 1", "COMMIT", "BEGIN ISOLATION LEVEL SERIALIZABLE",
        "UPDATE a SET x = CASE WHEN y THEN 1 ELSE 2 END", "END"),
        sqls("BEGIN; UPDATE a SET x = 1; COMMIT; BEGIN ISOLATION LEVEL SERIALIZABLE;\n"
            + "UPDATE a SET x = CASE WHEN y THEN 1 ELSE 2 END; END;", POSTGRESQL));
  }

  @Test
  void caseEndInAPlainSelectDoesNotOpenABlock() {
    String select = "SELECT CASE WHEN total > 0 THEN 'paid' ELSE 'free' END AS kind, begin, IF(a, 1, 2) FROM t";
    for (DialectFamily f : DialectFamily.values()) {
      assertEquals(List.of(select, "SELECT 2"), sqls(select + "; SELECT 2;", f));
    }
  }

  @Test
  void mysqlDelimiterCommand() {
    String sql = """
        CREATE TABLE t (x INT);
        DELIMITER //
        CREATE PROCEDURE p()
        BEGIN
          INSERT INTO t VALUES (1);
        END//
        CALL p() //  SELECT 1 //
        delimiter ;
        SELECT 'a//b';
        DELIMITER $$ anything after the delimiter is ignored
        CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.x = 1; $$
        DELIMITER ';;'
        SELECT 3;;
          DELIMITER ;
        SELECT 4
        """;
    assertEquals(List.of(
        new Statement("CREATE TABLE t (x INT)", 1),
        new Statement("CREATE PROCEDURE p()\nBEGIN\n  INSERT INTO t VALUES (1);\nEND", 3),
        new Statement("CALL p()", 7),
        new Statement("SELECT 1", 7),
        new Statement("SELECT 'a//b'", 9),
        new Statement("CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.x = 1;", 11),
        new Statement("SELECT 3", 13),
        new Statement("SELECT 4", 15)), SqlSplitter.split(sql, MYSQL));
  }

  @Test
  void mysqlDelimiterIsACommandOnlyAtTheStartOfALineBetweenStatements() {
    // as in the mysql client: inside a statement, or after other text on its line, it is SQL text
    assertEquals(List.of("SELECT a,\ndelimiter FROM t"), sqls("SELECT a,\ndelimiter FROM t;", MYSQL));
    assertEquals(List.of("SELECT 1", "DELIMITER //\nSELECT 2"), sqls("SELECT 1; DELIMITER //\nSELECT 2;", MYSQL));
    // and in PostgreSQL it is never a command
    assertEquals(List.of("DELIMITER //\nSELECT 1//"), sqls("DELIMITER //\nSELECT 1//", POSTGRESQL));
  }

  @Test
  void mysqlDelimiterErrorsNameTheirLine() {
    assertUnterminated("DELIMITER without a delimiter at line 2", "SELECT 1;\nDELIMITER  \nSELECT 2", MYSQL);
    assertUnterminated("DELIMITER cannot contain a backslash at line 1", "DELIMITER \\\\\nSELECT 2", MYSQL);
  }
}
