package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import liquibase.util.StringUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The importer's reading of where Liquibase splits a change's SQL, compared with the real Liquibase's own splitter
 * (liquibase-core, a test dependency) on the shapes changelogs hold: plain statements, comments, quotes, routine
 * bodies, custom end delimiters.
 */
class LiquibaseSplitTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);", null, true, false),
        Arguments.of("-- a comment; with a semicolon\nCREATE TABLE a (id int); -- trailing\n", null, true, false),
        Arguments.of("-- a comment; with a semicolon\nCREATE TABLE a (id int); -- trailing\n", null, true, true),
        Arguments.of("INSERT INTO t VALUES ('a;b', 'it''s; here', \"q;\");\nSELECT 1;", null, true, false),
        Arguments.of("INSERT INTO t VALUES ('back\\\\slash;', 'x');\nSELECT 2", null, true, false),
        Arguments.of("/* block; comment */ SELECT 1; SELECT 2;", null, true, false),
        Arguments.of("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;", null, true, false),
        Arguments.of("CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\n  SELECT 2;\nEND;", null, true,
            false),
        Arguments.of("CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\n  SELECT 2;\nEND//\nSELECT 3//",
            "//", true, false),
        Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$;\n"
            + "SELECT 1;", null, true, false),
        Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;", null, true, false),
        Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;", null, false, false),
        Arguments.of("SELECT 1\n/\nSELECT 2\n/\n", "/", true, false),
        Arguments.of("SELECT 4/2\n/\nSELECT 2\n/\n", "/", true, false),
        Arguments.of("SELECT 1\nGO\nSELECT 2\ngo\n", null, true, false),
        Arguments.of("SELECT 1\nGO\nSELECT 2\nGO\n", "GO", true, false),
        Arguments.of("SELECT 1 $$\nSELECT 2 $$", "$$", true, false),
        Arguments.of("BEGIN;\nUPDATE a SET x = 1;\nCOMMIT;", null, true, false),
        Arguments.of("START TRANSACTION;\nUPDATE a SET x = 1;\nCOMMIT;", null, true, false),
        Arguments.of("UPDATE customers SET email = lower(email) WHERE email <> lower(email);\n"
            + "ALTER TABLE customers ALTER COLUMN email SET NOT NULL", null, true, false),
        Arguments.of("CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW\nBEGIN\n  SET NEW.x = 1;\nEND;;\nSELECT 1;;",
            ";;", true, false),
        Arguments.of("SELECT E'a\\';b'; SELECT `c;d` FROM t;", null, true, false),
        Arguments.of("CREATE VIEW v AS SELECT a.id, b.name FROM a JOIN b ON a.id = b.a_id;\n", null, true, false));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void splitsWhereLiquibaseSplits(String sql, String endDelimiter, boolean split, boolean strip) {
    List<String> theirs = Arrays.stream(StringUtil.processMultiLineSQL(sql.strip(), strip, split, endDelimiter))
        .toList();
    assertEquals(theirs, LiquibaseSplit.statements(sql, strip, split, endDelimiter));
  }
}
