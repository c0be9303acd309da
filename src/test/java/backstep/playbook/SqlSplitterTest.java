package backstep.playbook;

import static backstep.playbook.DialectFamily.MYSQL;
import static backstep.playbook.DialectFamily.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.SqlSplitter.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

  private static List<String> sqls(String sql, DialectFamily family) {
    return SqlSplitter.split(sql, family).stream().map(Statement::sql).toList();
  }

  private static void assertUnterminated(String expectedMessage, String sql, DialectFamily family) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SqlSplitter.split(sql, family));
    assertEquals(expectedMessage, e.getMessage());
  }

  @Test
  void splitsOnTopLevelSemicolonsAndTrims() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), sqls("  SELECT 1 ;\n\tSELECT 2;\n", POSTGRESQL));
  }

  @Test
  void keepsTrailingStatementWithoutSemicolon() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), sqls("SELECT 1; SELECT 2  \n", POSTGRESQL));
    assertEquals(List.of("SELECT 2 -- done"), sqls("SELECT 2 -- done", POSTGRESQL));
  }

  @Test
  void withoutCommentsKeepsQuotedTextAndWhatMysqlRunsFromAComment() {
    assertEquals("SET a = '-- kept'", bare("SET a = '-- kept' -- gone\n/* gone */", POSTGRESQL));
    assertEquals("SELECT $$ -- kept $$", bare("SELECT $$ -- kept $$ /* gone */", POSTGRESQL));
    assertEquals("SET FOREIGN_KEY_CHECKS=0", bare("/*!40014 SET FOREIGN_KEY_CHECKS=0 */ # gone", MYSQL));
  }

  private static String bare(String sql, DialectFamily family) {
    return SqlSplitter.withoutComments(sql, family).replaceAll("\\s+", " ").strip();
  }

  @Test
  void dropsEmptyAndCommentOnlyStatements() {
    assertEquals(List.of("SELECT 1"), sqls(";; SELECT 1;; -- bye\n /* end */;", POSTGRESQL));
    assertEquals(List.of(), sqls("-- only\n/* comments */\n", POSTGRESQL));
    assertEquals(List.of(), sqls("# only\n-- comments\n/* here */", MYSQL));
    assertEquals(List.of(), sqls("", MYSQL));
  }

  @Test
  void reportsStartLineSkippingBlankLinesAndLeadingComments() {
    String sql = "\n-- first\nSELECT 1;\n\n/* two\n lines */ SELECT\n  2;  -- trailing\nSELECT 3";
    assertEquals(
        List.of(new Statement("SELECT 1", 3), new Statement("SELECT\n  2", 6), new Statement("SELECT 3", 8)),
        SqlSplitter.split(sql, POSTGRESQL));
  }

  @Test
  void lineCountsNewlinesInsideStringsAndComments() {
    String sql = "SELECT 'a\nb';\n/* x\ny */\nSELECT $$\n;\n$$; SELECT 3";
    assertEquals(
        List.of(new Statement("SELECT 'a\nb'", 1), new Statement("SELECT $$\n;\n$$", 5), new Statement("SELECT 3", 7)),
        SqlSplitter.split(sql, POSTGRESQL));
  }

  @Test
  void keepsCommentsInsideStatementAsWritten() {
    String sql = "-- lead\nSELECT 1 /* a; b */ + 2 -- c;\n  AS x;";
    assertEquals(List.of("SELECT 1 /* a; b */ + 2 -- c;\n  AS x"), sqls(sql, POSTGRESQL));
  }

  @Test
  void ignoresSemicolonsInSingleQuotedStrings() {
    assertEquals(List.of("SELECT 'a;b', 'it''s;'", "SELECT 2"), sqls("SELECT 'a;b', 'it''s;'; SELECT 2", POSTGRESQL));
  }

  @Test
  void postgresqlPlainStringsHaveNoBackslashEscapes() {
    assertEquals(List.of("SELECT 'C:\\'", "SELECT 2"), sqls("SELECT 'C:\\'; SELECT 2", POSTGRESQL));
  }

  @Test
  void postgresqlEscapeStringsHaveBackslashEscapes() {
    assertEquals(List.of("SELECT E'it\\'s;', e'\\\\'", "SELECT 2"),
        sqls("SELECT E'it\\'s;', e'\\\\'; SELECT 2", POSTGRESQL));
    // an identifier ending in e is not an E-string prefix
    assertEquals(List.of("SELECT name'\\'", "SELECT 2"), sqls("SELECT name'\\'; SELECT 2", POSTGRESQL));
  }

  @Test
  void mysqlStringsHaveBackslashEscapes() {
    assertEquals(List.of("SELECT 'it\\'s;', \"say \\\";\"", "SELECT 2"),
        sqls("SELECT 'it\\'s;', \"say \\\";\"; SELECT 2", MYSQL));
  }

  @Test
  void ignoresSemicolonsInDoubleQuotedIdentifiers() {
    assertEquals(List.of("CREATE TABLE \"a;\"\"b\" (x int)", "SELECT 2"),
        sqls("CREATE TABLE \"a;\"\"b\" (x int); SELECT 2", POSTGRESQL));
  }

  @Test
  void ignoresSemicolonsInMysqlBacktickIdentifiers() {
    assertEquals(List.of("CREATE TABLE `a;``b` (x int)", "SELECT 2"),
        sqls("CREATE TABLE `a;``b` (x int); SELECT 2", MYSQL));
    // backticks are not quotes in PostgreSQL
    assertEquals(List.of("SELECT `a", "b`"), sqls("SELECT `a; b`", POSTGRESQL));
  }

  @Test
  void lineComments() {
    assertEquals(List.of("SELECT 1 -- x;y\n+ 1"), sqls("SELECT 1 -- x;y\n+ 1;", POSTGRESQL));
    assertEquals(List.of("SELECT 1 # x;y\n+ 1"), sqls("SELECT 1 # x;y\n+ 1;", MYSQL));
    assertEquals(List.of("SELECT 1 -- x;y\n+ 1"), sqls("SELECT 1 -- x;y\n+ 1;", MYSQL));
    // PostgreSQL: -- always starts a comment, # does not
    assertEquals(List.of("SELECT 1--x;y"), sqls("SELECT 1--x;y\n;", POSTGRESQL));
    assertEquals(List.of("SELECT 1 # 2", "3"), sqls("SELECT 1 # 2; 3", POSTGRESQL));
    // MySQL: -- needs a following blank, otherwise it is double minus
    assertEquals(List.of("SELECT 1--1", "SELECT 2"), sqls("SELECT 1--1; SELECT 2", MYSQL));
  }

  @Test
  void blockComments() {
    assertEquals(List.of("SELECT 1 /* ; */", "SELECT 2"), sqls("SELECT 1 /* ; */; SELECT 2", MYSQL));
    // PostgreSQL nests block comments
    assertEquals(List.of("SELECT 2"), sqls("/* a /* b; */ c; */ SELECT 2", POSTGRESQL));
    // MySQL does not: the first */ closes the comment
    assertEquals(List.of("c", "*/ SELECT 2"), sqls("/* a /* b; */ c; */ SELECT 2", MYSQL));
  }

  @Test
  void mysqlExecutableCommentsAreStatements() {
    assertEquals(List.of("/*!40101 SET NAMES utf8 */", "SELECT 1"),
        sqls("-- dump\n/*!40101 SET NAMES utf8 */;\nSELECT 1;", MYSQL));
  }

  @Test
  void plpgsqlFunctionFollowedByTrigger() {
    String sql = """
        CREATE FUNCTION audit() RETURNS trigger AS $$
        BEGIN
          INSERT INTO log VALUES (NEW.id, 'x;y');
          RETURN NEW;
        END $$ LANGUAGE plpgsql;

        CREATE TRIGGER t AFTER INSERT ON items
          FOR EACH ROW EXECUTE FUNCTION audit();
        """;
    List<Statement> statements = SqlSplitter.split(sql, POSTGRESQL);
    assertEquals(2, statements.size());
    assertEquals("""
        CREATE FUNCTION audit() RETURNS trigger AS $$
        BEGIN
          INSERT INTO log VALUES (NEW.id, 'x;y');
          RETURN NEW;
        END $$ LANGUAGE plpgsql""", statements.get(0).sql());
    assertEquals(1, statements.get(0).line());
    assertEquals("CREATE TRIGGER t AFTER INSERT ON items\n  FOR EACH ROW EXECUTE FUNCTION audit()",
        statements.get(1).sql());
    assertEquals(7, statements.get(1).line());
  }

  @Test
  void taggedDollarQuotesMayContainOtherDollarQuotes() {
    String sql = "DO $body$ BEGIN EXECUTE $q$SELECT 1; $$;$q$; END $body$; SELECT 2";
    assertEquals(List.of("DO $body$ BEGIN EXECUTE $q$SELECT 1; $$;$q$; END $body$", "SELECT 2"), sqls(sql, POSTGRESQL));
  }

  @Test
  void positionalParametersAndDollarsInIdentifiersAreNotDollarQuotes() {
    assertEquals(List.of("PREPARE p AS SELECT $1 + $2", "EXECUTE p(1, 2)"),
        sqls("PREPARE p AS SELECT $1 + $2; EXECUTE p(1, 2)", POSTGRESQL));
    assertEquals(List.of("SELECT a$b$ FROM t", "SELECT 2"), sqls("SELECT a$b$ FROM t; SELECT 2", POSTGRESQL));
  }

  @Test
  void dollarsAreNotQuotesInMysql() {
    assertEquals(List.of("SELECT $$", "$$"), sqls("SELECT $$; $$", MYSQL));
  }

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

  @Test
  void postgresqlBeginAtomicBody() {
    String function = """
        CREATE FUNCTION recalc(p_id bigint) RETURNS bigint
        LANGUAGE SQL
        BEGIN ATOMIC
          UPDATE orders SET total = (SELECT sum(qty) FROM lines WHERE order_id = p_id) WHERE id = p_id;
          UPDATE orders SET status = CASE WHEN total = 0 THEN 'empty' ELSE status END WHERE id = p_id;
          SELECT CASE WHEN total > 0 THEN total ELSE 0 END FROM orders WHERE id = p_id;
        END""";
    String procedure = "CREATE OR REPLACE PROCEDURE touch(p_id bigint)\nLANGUAGE SQL\nbegin atomic\n"
        + "  UPDATE orders SET touched = now() WHERE id = p_id;\n  INSERT INTO log VALUES (p_id);\nend";
    String sql = function + ";\n\n" + procedure + ";\nSELECT recalc(1);";
    assertEquals(
        List.of(new Statement(function, 1), new Statement(procedure, 9), new Statement("SELECT recalc(1)", 15)),
        SqlSplitter.split(sql, POSTGRESQL));
  }

  @Test
  void postgresqlCaseInAFunctionHeaderOrReturnIsNotABody() {
    String function = "CREATE FUNCTION sign_of(x int) RETURNS int LANGUAGE SQL IMMUTABLE\n"
        + "RETURN CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END";
    assertEquals(List.of(function, "SELECT sign_of(2)"), sqls(function + ";\nSELECT sign_of(2);", POSTGRESQL));
  }

  @Test
  void unterminatedConstructsNameTheirStartLine() {
    assertUnterminated("unterminated dollar-quoted string starting at line 3",
        "SELECT 1;\n\nDO $$ BEGIN\n END;", POSTGRESQL);
    assertUnterminated("unterminated dollar-quoted string starting at line 1",
        "SELECT $a$ x $b$", POSTGRESQL);
    assertUnterminated("unterminated quoted string starting at line 2", "SELECT 1;\nSELECT 'abc;\n", POSTGRESQL);
    assertUnterminated("unterminated quoted string starting at line 1", "SELECT E'abc\\'", POSTGRESQL);
    assertUnterminated("unterminated quoted string starting at line 1", "SELECT 'abc\\'", MYSQL);
    assertUnterminated("unterminated quoted identifier starting at line 2", "SELECT\n\"abc", POSTGRESQL);
    assertUnterminated("unterminated quoted identifier starting at line 1", "SELECT `abc", MYSQL);
    assertUnterminated("unterminated block comment starting at line 2", "SELECT 1;\n/* x */ /* y", MYSQL);
    assertUnterminated("unterminated block comment starting at line 1", "/* a /* b */ SELECT 1", POSTGRESQL);
  }

  @Test
  void isBlankOrComment() {
    assertTrue(SqlSplitter.isBlankOrComment("", POSTGRESQL));
    assertTrue(SqlSplitter.isBlankOrComment("  \n\t", POSTGRESQL));
    assertTrue(SqlSplitter.isBlankOrComment("-- x\n/* y /* z */ */ ;", POSTGRESQL));
    assertTrue(SqlSplitter.isBlankOrComment("# x\n-- y", MYSQL));
    assertFalse(SqlSplitter.isBlankOrComment("# x\nSELECT 1", MYSQL));
    assertFalse(SqlSplitter.isBlankOrComment("# x", POSTGRESQL));
    assertFalse(SqlSplitter.isBlankOrComment("/*!40101 SET NAMES utf8 */", MYSQL));
    assertFalse(SqlSplitter.isBlankOrComment("SELECT 'open", POSTGRESQL));
  }

  @Test
  void dialectFamilyKeys() {
    assertEquals("postgresql", POSTGRESQL.key());
    assertEquals("mysql", MYSQL.key());
    assertEquals(Optional.of(POSTGRESQL), DialectFamily.fromKey("PostgreSQL"));
    assertEquals(Optional.of(POSTGRESQL), DialectFamily.fromKey("postgres"));
    assertEquals(Optional.of(MYSQL), DialectFamily.fromKey("MySQL"));
    assertEquals(Optional.of(MYSQL), DialectFamily.fromKey("mariadb"));
    assertEquals(Optional.empty(), DialectFamily.fromKey("oracle"));
    assertEquals(Optional.empty(), DialectFamily.fromKey(null));
  }
}
