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

/** How SqlSplitter cuts statements, quotes, comments, PostgreSQL bodies; MySQL's: SqlSplitterMySqlBodiesTest. */
class SqlSplitterTest {

  static List<String> sqls(String sql, DialectFamily family) {
    return SqlSplitter.split(sql, family).stream().map(Statement::sql).toList();
  }

  static void assertUnterminated(String expectedMessage, String sql, DialectFamily family) {
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
