package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A read on MariaDB ({@link ReadSession}): UTC, one read-only REPEATABLE READ transaction on an autocommit
 * connection, the session's own settings back afterwards, even after a failed read — and what that costs in
 * statements, counted by the server ({@code Questions}), since a run takes such a read around every step.
 */
class MariaDbReadSessionIT {

  @Test
  void aReadIsUtcReadOnlyAndRepeatableAndLeavesTheSessionAsItWas() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY)");
      try (Statement st = c.createStatement()) {
        st.execute("SET SESSION time_zone = '+05:00'");
        st.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      }
      List<String> inside = ReadSession.run(c, Dialect.MARIADB, conn -> {
        assertThrows(SQLException.class, () -> exec(conn, "INSERT INTO t VALUES (1)"), "the read is read-only");
        String first = value(conn, "SELECT count(*) FROM t");
        try (Connection other = db.connect()) {
          exec(other, "INSERT INTO t VALUES (3)"); // committed by another session while the read runs
        }
        return List.of(value(conn, "SELECT @@session.time_zone"), value(conn, "SELECT @@session.tx_isolation"),
            first, value(conn, "SELECT count(*) FROM t"));
      });
      assertEquals(List.of("+00:00", "REPEATABLE-READ", "0", "0"), inside, "UTC, one snapshot for the whole read");
      assertEquals("+05:00", value(c, "SELECT @@session.time_zone"));
      assertEquals("READ-COMMITTED", value(c, "SELECT @@session.tx_isolation"));
      assertEquals("0", value(c, "SELECT @@session.tx_read_only"));
      assertTrue(c.getAutoCommit());
      exec(c, "INSERT INTO t VALUES (2)");
      assertEquals("2", value(c, "SELECT count(*) FROM t"), "the session writes again, in autocommit");
    }
  }

  @Test
  void aFailedReadLeavesTheSessionAsItWas() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      exec(c, "SET SESSION time_zone = '+05:00'");
      assertThrows(SQLException.class, () -> ReadSession.run(c, Dialect.MARIADB,
          conn -> value(conn, "SELECT no_such_column FROM information_schema.TABLES")));
      assertEquals("+05:00", value(c, "SELECT @@session.time_zone"));
      assertEquals("0", value(c, "SELECT @@session.tx_read_only"));
      assertEquals("0", value(c, "SELECT @@in_transaction"));
      assertTrue(c.getAutoCommit());
    }
  }

  @Test
  void insideTheCallersTransactionTheReadSeesItsWorkAndLeavesItOpen() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY)");
      c.setAutoCommit(false);
      exec(c, "INSERT INTO t VALUES (1)");
      assertEquals("1", ReadSession.run(c, Dialect.MARIADB, conn -> value(conn, "SELECT count(*) FROM t")));
      assertFalse(c.getAutoCommit());
      c.rollback();
      assertEquals("0", value(c, "SELECT count(*) FROM t"));
    }
  }

  /**
   * Regression (fingerprint cost on MariaDB): an empty read sent nine statements on an autocommit connection (the
   * time zone read, set and put back; read-only and isolation set and put back; autocommit off and on; the
   * rollback) and three inside a transaction, as MySQL's path still does; a run pays that around every step. Then
   * three; since session 10 two (the transaction's end and the settings back are one compound statement).
   */
  @Test
  void anEmptyReadCostsTwoStatements() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      assertEquals(2, statements(c, Dialect.MARIADB), "the settings; the transaction's end with the settings back");
      c.setAutoCommit(false);
      assertEquals(2, statements(c, Dialect.MARIADB), "inside the caller's transaction: the time zone and back");
    }
  }

  /**
   * A scoped catalog read ({@link MySqlCatalog}) sent its nine information_schema queries one by one, eleven or
   * twelve statements with the read's settings; since session 10 they go (ten since session 11) as one compound
   * statement, so a scoped read of a table and a view is three statements in all, and still finds every part of them.
   */
  @Test
  void aScopedCatalogReadCostsThreeStatementsAndFindsEveryPart() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE p (id int PRIMARY KEY)");
      db.exec("CREATE TABLE t (id int PRIMARY KEY, p_id int, v varchar(10) COMMENT 'note', CHECK (v <> ''),"
          + " UNIQUE KEY t_v (v), FOREIGN KEY t_p (p_id) REFERENCES p (id))");
      db.exec("CREATE VIEW tv AS SELECT id FROM t");
      db.exec("CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.v = lower(NEW.v)");
      long before = questions(c);
      SchemaSnapshot s = Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("t", "tv"),
          java.util.Set.of(), 1000).schema();
      assertEquals(3, questions(c) - before - 1, "the settings, the catalog queries, the end");
      SchemaSnapshot.Table t = s.tables().stream().filter(x -> x.name().equals("t")).findFirst().orElseThrow();
      assertEquals(List.of("id", "p_id", "v"), t.columns().stream().map(SchemaSnapshot.Column::name).toList());
      assertEquals("note", t.columns().get(2).comment());
      assertEquals(1, t.checks().size());
      assertEquals(1, t.foreignKeys().size());
      assertEquals(List.of("t_v"), t.uniqueKeys().stream().map(SchemaSnapshot.UniqueKey::name).toList());
      assertEquals(List.of("tv"), s.views().stream().map(SchemaSnapshot.View::name).toList());
      assertEquals(List.of("t_bi"), s.triggers().stream().map(SchemaSnapshot.Trigger::name).toList());
      assertEquals(List.of("t"), s.tables().stream().map(SchemaSnapshot.Table::name).toList(), "only the scope");
    }
  }

  /**
   * Regression (session 11, fingerprint cost on MariaDB): the foreign keys' query joined KEY_COLUMN_USAGE to
   * REFERENTIAL_CONSTRAINTS, and MariaDB filled the joined table from every table of every database on the server
   * (EXPLAIN: "Open_full_table; Scanned all databases"), whatever the scope: 8–38 ms of server time a scoped read,
   * more with every database on the server. A scoped read now opens the same tables however many other databases
   * there are; the tables it opens are counted by the server ({@code Table_open_cache_hits} and {@code _misses}).
   */
  @Test
  void aScopedCatalogReadDoesNotOpenOtherDatabasesTables() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); ScratchDb other = ScratchDb.create(
        ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE p (id int PRIMARY KEY)", "CREATE TABLE t (id int PRIMARY KEY, p_id int,"
          + " CONSTRAINT t_p FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE)");
      tablesOpened(c, db.name()); // the first read loads the tables' definitions
      long alone = tablesOpened(c, db.name());
      for (int i = 0; i < 40; i++) {
        other.exec("CREATE TABLE o" + i + " (id int PRIMARY KEY)");
      }
      long withOther = tablesOpened(c, db.name());
      assertEquals(alone, withOther, "40 more tables in another database change what a scoped read opens");
      SchemaSnapshot before = scoped(c, db.name());
      assertEquals(List.of(new SchemaSnapshot.ForeignKey("t_p", List.of("p_id"), "p", List.of("id"), "CASCADE",
          "RESTRICT", true)), before.tables().get(0).foreignKeys(), "the key with its rules, as the join read it");
      db.exec("ALTER TABLE t DROP FOREIGN KEY t_p", "ALTER TABLE t ADD CONSTRAINT t_p FOREIGN KEY (p_id)"
          + " REFERENCES p (id) ON DELETE SET NULL");
      assertEquals(List.of("foreign key t_p: on delete CASCADE → SET NULL"), SchemaDiff.diff(before,
          scoped(c, db.name())).stream().map(Difference::describe).toList(), "a rule changed is still caught");
    }
  }

  /**
   * A data table's checksum in a fingerprint: its row estimate and its columns were two information_schema queries,
   * then the checksum; in session 11 the first two became one statement (a UNION ALL of the two lookups, three
   * temporary tables), and since session 12 they come with the catalog read (the estimate a query in its compound
   * statement, the columns from its columns' query), so the table costs one statement more than the same read
   * without its rows — and its rows are still read: a changed value changes the checksum.
   */
  @Test
  void aDataTablesChecksumCostsOneStatement() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, v varchar(10))", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      long before = questions(c);
      Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("t"), java.util.Set.of(), 1000);
      long schemaOnly = questions(c) - before - 1;
      before = questions(c);
      Fingerprint withRows = Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("t"),
          java.util.Set.of("t"), 1000);
      assertEquals(1, questions(c) - before - 1 - schemaOnly, "the checksum");
      assertEquals(2, withRows.table("t").orElseThrow().rows());
      db.exec("UPDATE t SET v = 'c' WHERE id = 2");
      assertEquals(List.of("table t: checksum differs (same row count) — values changed"), Fingerprint.compare(
          withRows, Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("t"), java.util.Set.of("t"),
              1000)).stream().map(Difference::describe).toList());
    }
  }

  /**
   * The estimate and columns read with the catalog are what {@link RowHash#sized} reads on its own: a fingerprint's
   * checksum of a table with every kind of column the row hash treats apart (character sets, NOT NULL, binary, bit,
   * enum, set, decimal, float, JSON, temporal, a blob) equals the checksum read alone, whole and scoped, and the
   * estimate still decides when a table gets its count only.
   */
  @Test
  void aDataTablesChecksumReadWithTheCatalogIsTheChecksumReadOnItsOwn() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE wide (id int PRIMARY KEY, l1 varchar(10) CHARACTER SET latin1, u8 varchar(10)"
              + " CHARACTER SET utf8mb4 NOT NULL, bin varbinary(4), bits bit(3), e enum('a','b'), s set('x','y'),"
              + " d decimal(10,2), f double, j json, at datetime(3), ts timestamp NULL, bl blob, txt text)",
          "INSERT INTO wide VALUES (1, 'é', 'ü', x'00fe', b'101', 'a', 'x,y', 1.50, -0.0, '{\"a\": 1}',"
              + " '2026-01-01 10:00:00.123', '2026-01-01 10:00:00', x'02', 'text'),"
              + " (2, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
          "CREATE TABLE other (id int)", "ANALYZE TABLE wide");
      java.util.Set<String> data = java.util.Set.of("wide", "other");
      TableChecksum alone = ReadSession.run(c, Dialect.MARIADB, conn -> Checksums.compute(conn, Dialect.MARIADB,
          db.name(), "wide"));
      for (java.util.Set<String> only : java.util.Arrays.asList(null, java.util.Set.of("wide"))) {
        Fingerprint f = Fingerprint.take(c, Dialect.MARIADB, db.name(), only, data, 1_000_000);
        assertEquals(alone, f.table("wide").orElseThrow(), "scope " + only);
      }
      assertEquals(Fingerprint.COUNT_ONLY, Fingerprint.take(c, Dialect.MARIADB, db.name(), null, data, 1)
          .table("wide").orElseThrow().checksum(), "the estimate read with the catalog still decides");
      Fingerprint before = Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("wide"), data, 1000);
      db.exec("UPDATE wide SET l1 = 'e' WHERE id = 1");
      assertEquals(List.of("table wide: checksum differs (same row count) — values changed"), Fingerprint.compare(
          before, Fingerprint.take(c, Dialect.MARIADB, db.name(), java.util.Set.of("wide"), data, 1000)).stream()
          .map(Difference::describe).toList());
    }
  }

  /**
   * Regression (session 12, fingerprint cost on MariaDB): every information_schema table with a TEXT column is filled
   * into an on-disk temporary table (four files created and removed), and a scoped read filled eight of them
   * (partitions, columns, checks, triggers, views, and three for the routines' query) whatever its scope held. Now
   * the queries for views, partitions, checks, foreign keys and routines run only when cheaper counts of the same
   * scope find one: a scope of a plain table costs two (columns, triggers), by the server's
   * {@code Created_tmp_disk_tables}.
   */
  @Test
  void aScopedReadOfAPlainTableFillsOnlyTwoTemporaryTablesOnDisk() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, v varchar(10))", "CREATE INDEX t_v ON t (v)");
      scoped(c, db.name()); // the table's definition loaded
      long idle = status(c, "Created_tmp_disk_tables");
      idle = status(c, "Created_tmp_disk_tables") - idle; // what reading the counter costs (none, as it is)
      long before = status(c, "Created_tmp_disk_tables");
      SchemaSnapshot s = scoped(c, db.name());
      assertEquals(2, status(c, "Created_tmp_disk_tables") - before - idle, "columns, triggers");
      assertEquals(List.of("t_v"), s.tables().get(0).indexes().stream().map(SchemaSnapshot.Index::name).toList());
    }
  }

  /**
   * What the counts leave out must be what is not there: on a schema with every kind of object they gate (a view, a
   * partitioned table, column and table checks, a foreign key with its rules, a trigger, a procedure and a function),
   * every scope reads what the whole-schema read (which counts nothing first) finds of the same objects — also once
   * each kind has been added to, or dropped from, a table whose scope had none of it.
   */
  @Test
  void aScopedReadFindsEveryViewPartitionCheckKeyAndRoutineItsCountsLetThrough() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection c = db.connect()) {
      db.exec("CREATE TABLE p (id int PRIMARY KEY, n int CHECK (n > 0), m int, CONSTRAINT p_m CHECK (m < 10))",
          "CREATE TABLE ch (id int PRIMARY KEY, p_id int, CONSTRAINT ch_p FOREIGN KEY (p_id) REFERENCES p (id)"
              + " ON DELETE CASCADE)",
          "CREATE TABLE part (id int PRIMARY KEY) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10),"
              + " PARTITION p1 VALUES LESS THAN MAXVALUE)",
          "CREATE TABLE plain (id int PRIMARY KEY, v varchar(10))", "CREATE TABLE lone (id int PRIMARY KEY)",
          "CREATE VIEW pv AS SELECT id, n FROM p",
          "CREATE TRIGGER p_bi BEFORE INSERT ON p FOR EACH ROW SET NEW.n = abs(NEW.n)",
          "CREATE PROCEDURE touch(IN a int, OUT b int) SET b = a + 1",
          "CREATE FUNCTION twice(a int) RETURNS int DETERMINISTIC RETURN a * 2");
      List<java.util.Set<String>> scopes = List.of(java.util.Set.of("p"), java.util.Set.of("ch"),
          java.util.Set.of("part"), java.util.Set.of("pv"), java.util.Set.of("touch"), java.util.Set.of("twice"),
          java.util.Set.of("plain"), java.util.Set.of("plain", "pv"), java.util.Set.of("plain", "touch", "part"),
          java.util.Set.of("lone"),
          java.util.Set.of("p", "ch", "part", "pv", "touch", "twice", "plain"), java.util.Set.of("nothing"));
      assertScopedReadsAsWhole(c, db.name(), scopes);
      db.exec("ALTER TABLE plain ADD CONSTRAINT plain_v CHECK (v <> '')",
          "ALTER TABLE plain ADD CONSTRAINT plain_p FOREIGN KEY (id) REFERENCES p (id) ON UPDATE CASCADE",
          "ALTER TABLE lone PARTITION BY HASH (id) PARTITIONS 2",
          "CREATE VIEW pv2 AS SELECT id FROM plain",
          "CREATE FUNCTION plain2(a int) RETURNS int DETERMINISTIC RETURN a",
          "ALTER TABLE p DROP CONSTRAINT p_m", "ALTER TABLE ch DROP FOREIGN KEY ch_p",
          "ALTER TABLE part REMOVE PARTITIONING", "DROP VIEW pv", "DROP PROCEDURE touch");
      assertScopedReadsAsWhole(c, db.name(), List.of(java.util.Set.of("plain"), java.util.Set.of("plain", "pv2"),
          java.util.Set.of("lone"), java.util.Set.of("plain2"), java.util.Set.of("p", "ch", "part", "pv", "touch")));
      SchemaSnapshot plain = scoped(c, db.name(), java.util.Set.of("plain", "lone", "pv2", "plain2"));
      SchemaSnapshot.Table t = plain.table("plain").orElseThrow();
      assertEquals(List.of("plain_v"), t.checks().stream().map(SchemaSnapshot.Check::name).toList());
      assertEquals(List.of("plain_p"), t.foreignKeys().stream().map(SchemaSnapshot.ForeignKey::name).toList());
      assertEquals(2, plain.table("lone").orElseThrow().partitioning().partitions().size());
      assertEquals(List.of("pv2"), plain.views().stream().map(SchemaSnapshot.View::name).toList());
      assertEquals(List.of("plain2(int(11))"), plain.routines().stream().map(SchemaSnapshot.Routine::signature)
          .toList());
    }
  }

  /**
   * The routines are counted in {@code mysql.proc}; a session that may not read it (a user with rights on its own
   * database only) still finds the scope's routines: the count's error makes it 1, and the routines' query runs.
   */
  @Test
  void aUserWhoMayNotReadMysqlProcStillFindsTheScopesRoutines() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB); Connection root = db.connect()) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY)", "CREATE FUNCTION twice(a int) RETURNS int DETERMINISTIC"
          + " RETURN a * 2", "CREATE PROCEDURE touch(IN a int) SET @x = a");
      String user = "bs_" + db.name().replaceAll("[^a-z0-9]", "").substring(0, 12);
      List<String> hosts = List.of("%", "localhost", "127.0.0.1");
      try {
        for (String host : hosts) {
          exec(root, "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY 'pw'");
          exec(root, "GRANT ALL ON `" + db.name() + "`.* TO '" + user + "'@'" + host + "'");
        }
        try (Connection c = java.sql.DriverManager.getConnection(db.url(), user, "pw")) {
          assertThrows(SQLException.class, () -> value(c, "SELECT count(*) FROM mysql.proc"), "no right to it");
          java.util.Set<String> scope = java.util.Set.of("t", "twice", "touch");
          SchemaSnapshot s = scoped(c, db.name(), scope);
          assertEquals(List.of("touch(int(11))", "twice(int(11))"), s.routines().stream()
              .map(SchemaSnapshot.Routine::signature).toList());
          assertEquals(SchemaSnapshot.take(c, Dialect.MARIADB, db.name()).restrictedTo(scope).toJson(), s.toJson(),
              "as the whole read finds them for this user (who is not their definer: no bodies)");
        }
      } finally {
        for (String host : hosts) {
          exec(root, "DROP USER IF EXISTS '" + user + "'@'" + host + "'");
        }
      }
    }
  }

  private static void assertScopedReadsAsWhole(Connection c, String schema, List<java.util.Set<String>> scopes)
      throws SQLException {
    SchemaSnapshot whole = SchemaSnapshot.take(c, Dialect.MARIADB, schema);
    for (java.util.Set<String> scope : scopes) {
      assertEquals(whole.restrictedTo(scope).toJson(), scoped(c, schema, scope).toJson(), "scope " + scope);
    }
  }

  private static SchemaSnapshot scoped(Connection c, String schema, java.util.Set<String> scope) throws SQLException {
    return Fingerprint.take(c, Dialect.MARIADB, schema, scope, java.util.Set.of(), 1000).schema();
  }

  private static long status(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE '" + name
        + "'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  private static SchemaSnapshot scoped(Connection c, String schema) throws SQLException {
    return Fingerprint.take(c, Dialect.MARIADB, schema, java.util.Set.of("t"), java.util.Set.of(), 1000).schema();
  }

  /** The tables a scoped read of {@code t} opens, by the server's count for the session. */
  private static long tablesOpened(Connection c, String schema) throws SQLException {
    long before = opened(c);
    Fingerprint.take(c, Dialect.MARIADB, schema, java.util.Set.of("t"), java.util.Set.of(), 1000);
    return opened(c) - before;
  }

  private static long opened(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT sum(VARIABLE_VALUE) FROM"
        + " information_schema.SESSION_STATUS WHERE VARIABLE_NAME IN ('TABLE_OPEN_CACHE_HITS',"
        + " 'TABLE_OPEN_CACHE_MISSES')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The statements an empty read sends, counted by the server. */
  private static long statements(Connection c, Dialect dialect) throws SQLException {
    long before = questions(c);
    ReadSession.run(c, dialect, conn -> null);
    return questions(c) - before - 1; // the second SHOW STATUS counts itself
  }

  private static long questions(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  private static String value(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
