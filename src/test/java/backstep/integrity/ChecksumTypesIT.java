package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import backstep.db.Database;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The table checksum over every column type it treats specially ({@link RowHash}: PostgreSQL's per-column hashes,
 * MariaDB's CRC32 of a length-prefixed row): equal for equal rows in two databases whatever the insertion order,
 * different when one value changes, or moves across a column boundary.
 */
class ChecksumTypesIT {
  private static final String PG_TABLE = "CREATE TABLE typed (id bigint PRIMARY KEY, i2 smallint, i4 integer,"
      + " b boolean, t text, v varchar(20), c char(3), n numeric(12,2), nu numeric, f float8, u uuid, d date,"
      + " ts timestamp, tz timestamptz, tm time, iv interval, j json, jb jsonb, by bytea, ci text COLLATE \"C\","
      + " mood mood, arr integer[], pt point)";
  /**
   * MariaDB's nearest type for each PostgreSQL column above, by name (bytea is {@code bin}; {@code nu} an exact decimal
   * of 30 places, {@code iv} a {@code time(6)} duration, {@code arr} a JSON array, {@code ci} a case-insensitive
   * collation), then {@code bl}, {@code bits} and {@code fl} ({@code float}, which prints with 6 digits).
   */
  private static final String MY_TABLE = "CREATE TABLE typed (id bigint PRIMARY KEY, i2 smallint, i4 int,"
      + " b boolean, t text, v varchar(20), c char(3), n decimal(12,2), nu decimal(65,30), f double, u uuid,"
      + " d date, ts datetime(6), tz timestamp(6) NULL, tm time, iv time(6), j json, jb json, bin varbinary(20),"
      + " ci varchar(10) COLLATE utf8mb4_general_ci, mood enum('sad','ok','happy'), arr json, pt point,"
      + " bl blob, bits bit(8), fl float) DEFAULT CHARSET utf8mb4";
  private static final List<String> PG_ROWS = List.of(
      "(1, 1, 2, true, 'a', 'b', 'c', 1.50, 1.0, 0.1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29',"
          + " '2024-01-01 10:00:00.123456', '2024-01-01 10:00:00+02', '10:00', '1 day', '{\"a\": 1}',"
          + " '{\"a\": 1.0}', '\\x00ff', 'x', 'ok', '{1,2}', '(1,2)')",
      "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL, NULL, NULL, NULL)",
      "(3, -1, -2, false, '', '', '', 0, 0, -0.5, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'infinity',"
          + " '-infinity', 'infinity', '23:59:59.999999', '24 hours', '[]', '[]', '\\x', '', 'sad', '{}', '(0,0)')");
  private static final List<String> MY_ROWS = List.of(
      "(1, 1, 2, true, 'a', 'b', 'c', 1.50, 1.0, 0.1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-02-29',"
          + " '2024-01-01 10:00:00.123456', '2024-01-01 10:00:00', '10:00', '24:00:00', '{\"a\": 1}',"
          + " '{\"a\": 1.0}', x'00ff', 'x', 'ok', '[1,2]', POINT(1,2), x'01', b'101', 16777216)",
      "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
      "(3, -1, -2, false, '', '', '', 0, 0, -0.5, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1000-01-01',"
          + " '9999-12-31 23:59:59', '1970-01-02 00:00:00', '-838:59:59', '00:00:00', '[]', '[]', x'', '', 'sad',"
          + " '[]', POINT(0,0), x'', b'0', -1.5)");

  /** One changed value per column type, applied to row 1 (and undone) in turn. */
  private static final Map<String, String> PG_CHANGES = Map.ofEntries(Map.entry("i2", "2"), Map.entry("i4", "3"),
      Map.entry("b", "false"), Map.entry("t", "'A'"), Map.entry("v", "'b '"), Map.entry("c", "'d'"),
      Map.entry("n", "1.51"), Map.entry("nu", "1.00"), Map.entry("f", "0.1000001"),
      Map.entry("u", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'"), Map.entry("d", "'2024-03-01'"),
      Map.entry("ts", "'2024-01-01 10:00:00.123457'"), Map.entry("tz", "'2024-01-01 10:00:00+01'"),
      Map.entry("tm", "'10:00:01'"), Map.entry("iv", "'24 hours'"), Map.entry("j", "'{\"a\":1}'"),
      Map.entry("jb", "'{\"a\": 1.00}'"), Map.entry("by", "'\\x00fe'"), Map.entry("ci", "'X'"),
      Map.entry("mood", "'happy'"), Map.entry("arr", "'{2,1}'"), Map.entry("pt", "'(2,1)'"));
  /** The 22 kinds of change above on MariaDB's nearest types, and three of its own (bl, bits, fl). */
  private static final Map<String, String> MY_CHANGES = Map.ofEntries(Map.entry("i2", "2"), Map.entry("i4", "3"),
      Map.entry("b", "false"), Map.entry("t", "'A'"), Map.entry("v", "'b '"), Map.entry("c", "'d'"),
      Map.entry("n", "1.51"), Map.entry("nu", "1.000000000000000000000000000001"),
      Map.entry("f", "0.10000000000000002"), Map.entry("u", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'"),
      Map.entry("d", "'2024-03-01'"), Map.entry("ts", "'2024-01-01 10:00:00.123457'"),
      Map.entry("tz", "'2024-01-01 10:00:01'"), Map.entry("tm", "'10:00:01'"), Map.entry("iv", "'23:59:59.999999'"),
      Map.entry("j", "'{\"a\":1}'"), Map.entry("jb", "'{\"a\": 1.00}'"), Map.entry("bin", "x'00fe'"),
      Map.entry("ci", "'X'"), Map.entry("mood", "'happy'"), Map.entry("arr", "'[2,1]'"),
      Map.entry("pt", "POINT(2,1)"), Map.entry("bl", "x'02'"), Map.entry("bits", "b'100'"),
      Map.entry("fl", "16777218"));

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void equalRowsInTwoDatabasesGiveEqualChecksumsWhateverTheInsertionOrder(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb a = typed(kind, false); ScratchDb b = typed(kind, true)) {
      String sumA = checksum(a);
      assertEquals(sumA, checksum(b), "same rows, inserted in reverse order, in another database");
      a.exec("UPDATE typed SET id = 4 WHERE id = 3");
      assertNotEquals(sumA, checksum(a), "a changed key");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void oneChangedValueOfEachTypeChangesTheChecksum(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = typed(kind, false)) {
      String before = checksum(db);
      Map<String, String> changes = kind == ScratchDb.Kind.POSTGRES ? PG_CHANGES : MY_CHANGES;
      List<String> unseen = new ArrayList<>();
      for (Map.Entry<String, String> change : changes.entrySet()) {
        String column = change.getKey();
        db.exec("CREATE TABLE saved AS SELECT * FROM typed WHERE id = 1",
            "UPDATE typed SET " + column + " = " + change.getValue() + " WHERE id = 1");
        if (checksum(db).equals(before)) {
          unseen.add(column);
        }
        db.exec("DELETE FROM typed WHERE id = 1", "INSERT INTO typed SELECT * FROM saved", "DROP TABLE saved");
        assertEquals(before, checksum(db), "restoring " + column);
      }
      assertEquals(List.of(), unseen, "columns whose change the checksum missed");
      assertEquals(kind == ScratchDb.Kind.POSTGRES ? 22 : 25, changes.size(), "kinds of change tried");
    }
  }

  /**
   * Regression (issue 16): MariaDB's {@code CHECKSUM TABLE} concatenates field bytes without their lengths, so data
   * moved across a column boundary, or {@code 'xyz'} swapped with {@code ''} between two columns, kept the checksum.
   * Each case changes one row of a table in place; the checksum (and so a fingerprint) must change, and come back
   * when the row does.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void valuesMovedAcrossAColumnBoundaryAndNullVersusEmptyVersusTheWordNullAreSeen(ScratchDb.Kind kind)
      throws Exception {
    String[][] cases = {
      {"v1, v2", "'ab', 'c'", "'a', 'bc'"},
      {"t1, t2", "'ab', 'c'", "'a', 'bc'"},
      {"v2, t1", "'ab', 'c'", "'a', 'bc'"},
      {"v1, v2", "'xyz', ''", "'', 'xyz'"},
      {"t1, t2", "'xyz', ''", "'', 'xyz'"},
      {"v1, v2", "NULL, 'a'", "'a', NULL"},
      {"t1, t2", "NULL, 'a'", "'a', NULL"},
      {"v1", "NULL", "''"},
      {"v1", "NULL", "'NULL'"},
      {"v1", "''", "'NULL'"},
      {"t1", "NULL", "''"},
      {"t1", "NULL", "'NULL'"},
      {"t1", "''", "'NULL'"},
      {"v2, n", "'1', 2", "'12', NULL"},
    };
    try (ScratchDb db = ScratchDb.create(kind)) {
      db.exec("CREATE TABLE b (id int PRIMARY KEY, v1 varchar(10), v2 varchar(10), t1 text, t2 text, n int)",
          "INSERT INTO b VALUES (1, 'p', 'q', 'r', 's', 7), (2, 'ab', 'c', 'xyz', '', NULL)");
      List<String> unseen = new ArrayList<>();
      for (String[] c : cases) {
        String columns = c[0];
        db.exec("UPDATE b SET " + assignments(columns, c[1]) + " WHERE id = 2");
        String before = checksumOf(db, "b");
        Fingerprint fpBefore = fingerprint(db);
        db.exec("UPDATE b SET " + assignments(columns, c[2]) + " WHERE id = 2");
        if (checksumOf(db, "b").equals(before)) {
          unseen.add("(" + columns + ") = (" + c[1] + ") → (" + c[2] + ")");
        }
        assertEquals(List.of("table b: checksum differs (same row count) — values changed"),
            Fingerprint.compare(fpBefore, fingerprint(db)).stream().map(Difference::describe).toList(),
            "a fingerprint sees (" + columns + ") = (" + c[1] + ") → (" + c[2] + ")");
        db.exec("UPDATE b SET " + assignments(columns, c[1]) + " WHERE id = 2");
        assertEquals(before, checksumOf(db, "b"), "back to (" + c[1] + ")");
      }
      assertEquals(List.of(), unseen, "changes the checksum missed");
    }
  }

  /**
   * Regression: a concat_ws of a latin1 and a cp1251 column is an "illegal mix of collations" on MariaDB, which made
   * the checksum of such a table fail; the row's string is binary there, and boundaries still count.
   */
  @org.junit.jupiter.api.Test
  void columnsInSeveralCharacterSetsAreHashedAsTheirBytes() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      db.exec("CREATE TABLE m (id int PRIMARY KEY, a varchar(10) CHARACTER SET latin1,"
              + " b varchar(10) CHARACTER SET cp1251, c varchar(10) CHARACTER SET utf8mb4, d varbinary(10))",
          "INSERT INTO m VALUES (1, 'ab', 'c', 'é', x'ff')");
      String before = checksumOf(db, "m");
      db.exec("UPDATE m SET a = 'a', b = 'bc'");
      String moved = checksumOf(db, "m");
      assertNotEquals(before, moved, "('ab','c') → ('a','bc') across a latin1 and a cp1251 column");
      db.exec("UPDATE m SET b = 'b', c = 'cé'");
      assertNotEquals(moved, checksumOf(db, "m"), "and across a cp1251 and a utf8mb4 column");
      db.exec("UPDATE m SET a = 'ab', b = 'c', c = 'é'");
      assertEquals(before, checksumOf(db, "m"));
    }
  }

  private static String assignments(String columns, String values) {
    String[] cols = columns.split(", ");
    String[] vals = values.split(", ");
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      sets.add(cols[i] + " = " + vals[i]);
    }
    return String.join(", ", sets);
  }

  private static Fingerprint fingerprint(ScratchDb db) throws Exception {
    try (Database d = db.open()) {
      return Fingerprint.take(d);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void nullAndEmptyStringAndMovedSeparatorsAreTold(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      db.exec("CREATE TABLE p (x varchar(10), y varchar(10), z integer)",
          "CREATE TABLE q (x varchar(10), y varchar(10), z integer)");
      List<String[]> pairs = List.of(
          new String[] {"(NULL, 'a', 1)", "('', 'a', 1)"},
          new String[] {"('a', NULL, 1)", "(NULL, 'a', 1)"},
          new String[] {"('a' || chr(31) || 'b', 'c', 1)", "('a', 'b' || chr(31) || 'c', 1)"},
          new String[] {"('a', 'b', NULL)", "('a', 'b', 0)"},
          new String[] {"('1', '2', 3)", "('2', '1', 3)"});
      for (String[] pair : pairs) {
        String p = pair[0];
        String q = pair[1];
        if (kind == ScratchDb.Kind.MARIADB) {
          p = p.replace("'a' || chr(31) || 'b'", "concat('a', char(31), 'b')")
              .replace("'b' || chr(31) || 'c'", "concat('b', char(31), 'c')");
          q = q.replace("'a' || chr(31) || 'b'", "concat('a', char(31), 'b')")
              .replace("'b' || chr(31) || 'c'", "concat('b', char(31), 'c')");
        }
        db.exec("DELETE FROM p", "DELETE FROM q", "INSERT INTO p VALUES " + p, "INSERT INTO q VALUES " + q);
        try (Database d = db.open()) {
          DataChecks checks = new DataChecks(d);
          assertNotEquals(checks.checksum("p").value(), checks.checksum("q").value(), p + " vs " + q);
        }
      }
    }
  }

  /**
   * The first string column by name goes last without its length (MariaDB): NULL, {@code ''}, separators at its ends
   * and values that spell another encoding's fields must still give different rows, in a table where it is the only
   * column (it keeps its length there), next to an integer, and next to another string column.
   */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void theLastFieldWithoutALengthStillTellsEveryValueApart(ScratchDb.Kind kind) throws Exception {
    String sep = kind == ScratchDb.Kind.MARIADB ? "char(31)" : "chr(31)";
    String[] values = {"NULL", "''", "'N'", "'0'", "'1'", sep, "concat('a', " + sep + ")",
        "concat(" + sep + ", 'a')", "concat('1', " + sep + ", 'a')"};
    String[][] tables = {
      {"CREATE TABLE s1 (x varchar(10))", "INSERT INTO s1 VALUES (%s)"},
      {"CREATE TABLE s2 (x varchar(10), z int)", "INSERT INTO s2 VALUES (%s, 1)"},
      {"CREATE TABLE s3 (x varchar(10), y varchar(10))", "INSERT INTO s3 VALUES (%s, 'a')"},
      {"CREATE TABLE s4 (x varchar(10), y varchar(10))", "INSERT INTO s4 VALUES ('a', %s)"},
    };
    try (ScratchDb db = ScratchDb.create(kind)) {
      for (String[] t : tables) {
        db.exec(t[0]);
        String table = t[0].split(" ")[2];
        Map<String, String> seen = new java.util.HashMap<>();
        for (String v : values) {
          db.exec("DELETE FROM " + table, String.format(java.util.Locale.ROOT, t[1], v));
          String other = seen.put(checksumOf(db, table), v);
          assertEquals(null, other, table + ": " + v + " and " + other + " give the same checksum");
        }
        String[] pairs = {"('a', NULL)", "(NULL, 'a')", "('', 'a')", "('a', '')", "('', '')", "(NULL, NULL)",
            "(NULL, '')", "('', NULL)", "('1', 'a')", "('a', '1')"};
        if (table.equals("s3")) {
          seen.clear();
          for (String row : pairs) {
            db.exec("DELETE FROM s3", "INSERT INTO s3 VALUES " + row);
            String other = seen.put(checksumOf(db, "s3"), row);
            assertEquals(null, other, "s3: " + row + " and " + other + " give the same checksum");
          }
        }
      }
    }
  }

  private static ScratchDb typed(ScratchDb.Kind kind, boolean reversed) throws Exception {
    ScratchDb db = ScratchDb.create(kind);
    boolean pg = kind == ScratchDb.Kind.POSTGRES;
    List<String> rows = new ArrayList<>(pg ? PG_ROWS : MY_ROWS);
    if (reversed) {
      java.util.Collections.reverse(rows);
    }
    List<String> sql = new ArrayList<>();
    if (pg) {
      sql.add("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
    }
    sql.add(pg ? PG_TABLE : MY_TABLE);
    for (String r : rows) {
      sql.add("INSERT INTO typed VALUES " + r);
    }
    db.exec(sql.toArray(String[]::new));
    return db;
  }

  private static String checksum(ScratchDb db) throws Exception {
    return checksumOf(db, "typed");
  }

  private static String checksumOf(ScratchDb db, String table) throws Exception {
    try (Database d = db.open(); Connection c = d.connection()) {
      return DataChecks.on(c, d.dialect(), d.schema()).checksum(table).value().toString();
    }
  }
}
