package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Fingerprints before and after a change, as a rehearsal takes them, on PostgreSQL and MariaDB. */
class FingerprintIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aForwardThenRollbackRoundTripLeavesNoDifference(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      Fingerprint before = Fingerprint.take(shop.db);
      assertEquals(20_000L, before.table("customers").orElseThrow().rows());
      assertEquals(before, Fingerprint.fromJson(before.toJson()));

      // forward: expand the schema, backfill, flip a flag
      shop.exec("ALTER TABLE customers ADD COLUMN tier varchar(10)", "UPDATE customers SET tier = 'gold' WHERE id < 10",
          "CREATE INDEX customers_tier_idx ON customers (tier)",
          "UPDATE feature_flags SET enabled = NOT enabled WHERE name = 'dark_mode'");
      Fingerprint forward = Fingerprint.take(shop.db);
      assertEquals(List.of("column customers.tier: unexpected", "index customers_tier_idx: unexpected",
              "table customers: checksum differs (same row count) — values changed",
              "table feature_flags: checksum differs (same row count) — values changed"),
          describe(Fingerprint.compare(before, forward)));

      // rollback
      shop.either("DROP INDEX customers_tier_idx", "DROP INDEX customers_tier_idx ON customers");
      shop.exec("ALTER TABLE customers DROP COLUMN tier",
          "UPDATE feature_flags SET enabled = NOT enabled WHERE name = 'dark_mode'");
      assertEquals(List.of(), Fingerprint.compare(before, Fingerprint.take(shop.db)));
      assertEquals(before, Fingerprint.take(shop.db));
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aLostRowAndAChangedValueAreListed(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      Fingerprint before = Fingerprint.take(shop.db);
      shop.exec("DELETE FROM orders WHERE id IN (5, 6)", "UPDATE customers SET full_name = 'Changed' WHERE id = 42");
      List<Difference> diff = Fingerprint.compare(before, Fingerprint.take(shop.db));

      assertEquals(List.of("table customers: checksum differs (same row count) — values changed",
          "table orders: 60000 rows → 59998 rows"), describe(diff));
      Difference rows = diff.get(1);
      assertEquals(new Difference(Difference.Kind.DATA, "orders", "rows", "60000", "59998"), rows);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aDroppedTableIsOneDifferenceAndItsDataIsNotListedAgain(ScratchDb.Kind kind) throws Exception {
    try (Shop shop = Shop.seeded(kind)) {
      shop.exec("CREATE TABLE audit_log (id int PRIMARY KEY)", "INSERT INTO audit_log VALUES (1)");
      Fingerprint before = Fingerprint.take(shop.db);
      shop.exec("DROP TABLE audit_log");
      List<String> diff = describe(Fingerprint.compare(before, Fingerprint.take(shop.db)));
      assertEquals(List.of("table audit_log: missing"), diff);
      assertTrue(Fingerprint.compare(Fingerprint.take(shop.db), before).stream()
          .anyMatch(d -> d.describe().equals("table audit_log: unexpected")));
    }
  }

  private static List<String> describe(List<Difference> diff) {
    return diff.stream().map(Difference::describe).toList();
  }

  /**
   * A run's fingerprint reads a data table's row estimate and columns with the catalog rows (PostgreSQL, session 11)
   * instead of with a query of their own: the checksum must be the one a checksum read on its own takes, for every
   * kind of column the row hash treats differently, whole and scoped, and a changed value must still be caught.
   */
  @Test
  void aDataTablesChecksumReadWithTheCatalogIsTheChecksumReadOnItsOwn() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TYPE mood AS ENUM ('sad', 'ok')", "CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0)",
          "CREATE TABLE \"Wide\" (id int PRIMARY KEY, price numeric(10,2), ratio numeric, f float8, note text,"
              + " code varchar(5), m mood, c cents, doc jsonb, at timestamptz, \"Odd Col\" int[])",
          "INSERT INTO \"Wide\" VALUES (1, 1.50, 1.0, -0.0, 'a', 'x', 'ok', 5, '{\"a\": 1}', '2026-01-01', '{1,2}'),"
              + " (2, NULL, 2.00, 1e10, NULL, 'y', 'sad', 0, NULL, NULL, NULL)",
          "ALTER TABLE \"Wide\" DROP COLUMN code", "CREATE TABLE other (id int)", "ANALYZE \"Wide\"");
      Set<String> data = Set.of("Wide", "other");
      try (Connection c = db.connect()) {
        TableChecksum alone = Checksums.compute(c, Dialect.POSTGRES, "public", "Wide");
        for (Set<String> only : java.util.Arrays.asList(null, Set.of("Wide"))) {
          Fingerprint f = Fingerprint.take(c, Dialect.POSTGRES, "public", only, data, 1_000_000);
          assertEquals(alone, f.table("Wide").orElseThrow(), "scope " + only);
        }
        assertEquals(Fingerprint.COUNT_ONLY, Fingerprint.take(c, Dialect.POSTGRES, "public", null, data, 1)
            .table("Wide").orElseThrow().checksum(), "the estimate read with the catalog still decides");
        Fingerprint before = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("Wide"), data, 1_000_000);
        db.exec("UPDATE \"Wide\" SET ratio = 1.00 WHERE id = 1");
        Fingerprint after = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("Wide"), data, 1_000_000);
        assertEquals(List.of("table Wide: checksum differs (same row count) — values changed"),
            Fingerprint.compare(before, after).stream().map(Difference::describe).toList());
      }
    }
  }

  /**
   * A fingerprint on a PostgreSQL session that read a data table's columns before sends that table's checksum, built
   * from those columns, in the catalog read's round trip (session 12): whatever changed since (values, a column
   * added, retyped or dropped, the table dropped), what it records must be what a session without that guess reads.
   */
  @Test
  void aChecksumSentWithTheCatalogReadIsOfTheColumnsAsTheyAreNow() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, n int, note text)",
          "INSERT INTO t SELECT g, g * 2, 'row ' || g FROM generate_series(1, 50) g", "ANALYZE t");
      Set<String> data = Set.of("t");
      try (Connection c = db.connect()) {
        Fingerprint first = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), data, 1_000_000);
        for (String change : List.of("UPDATE t SET note = 'changed' WHERE id = 7",
            "ALTER TABLE t ADD COLUMN extra int DEFAULT 7", "ALTER TABLE t ALTER COLUMN n TYPE text",
            "ALTER TABLE t DROP COLUMN note", "DROP TABLE t")) {
          db.exec(change);
          Fingerprint guessed = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), data, 1_000_000);
          try (Connection fresh = db.connect()) {
            assertEquals(Fingerprint.take(fresh, Dialect.POSTGRES, "public", Set.of("t"), data, 1_000_000), guessed,
                "after " + change);
          }
          assertTrue(!Fingerprint.compare(first, guessed).isEmpty(), "after " + change);
          first = guessed;
        }
        assertTrue(first.table("t").isEmpty());
      }
    }
  }

  /**
   * Inside a step's transaction a guessed checksum that fails (its column dropped by the step) leaves the transaction
   * usable: the read goes back to its savepoint and reads again, seeing the step's uncommitted work.
   */
  @Test
  void aGuessedChecksumThatFailsInsideAStepLeavesItsTransactionUsable() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, note text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      try (Connection c = db.connect()) {
        Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), Set.of("t"), 1_000_000);
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
          st.execute("ALTER TABLE t DROP COLUMN note");
        }
        Fingerprint inStep = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), Set.of("t"), 1_000_000);
        assertEquals(List.of("id"), inStep.schema().table("t").orElseThrow().columnNames());
        assertEquals(Checksums.compute(c, Dialect.POSTGRES, "public", "t"), inStep.table("t").orElseThrow());
        assertEquals(List.of("2"), ScratchDb.rows(c, "SELECT count(*) FROM t"), "the transaction still runs");
        c.rollback();
        c.setAutoCommit(true);
        assertEquals(List.of("id", "note"), Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"),
            Set.of("t"), 1_000_000).schema().table("t").orElseThrow().columnNames());
      }
    }
  }

  /** The guess is what saves the round trip: a second fingerprint of the same data table sends one statement. */
  @Test
  void aSecondFingerprintOfADataTableSendsItsChecksumWithTheCatalogRead() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE t (id int PRIMARY KEY, note text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
      try (Connection real = db.connect()) {
        int[] sent = {0};
        Connection c = counting(real, sent);
        Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), Set.of("t"), 1_000_000);
        assertEquals(2, sent[0], "the first: the catalog read, then the checksum");
        sent[0] = 0;
        Fingerprint second = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("t"), Set.of("t"), 1_000_000);
        assertEquals(1, sent[0], "the second: the checksum rides with the catalog read");
        assertEquals(Checksums.compute(real, Dialect.POSTGRES, "public", "t"), second.table("t").orElseThrow());
      }
    }
  }

  /** {@code c}, counting each statement it executes (a round trip each) into {@code sent[0]}. */
  private static Connection counting(Connection c, int[] sent) {
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(FingerprintIT.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, m, args) -> {
          Object out = invoke(c, m, args);
          if (out instanceof java.sql.Statement st) {
            Class<?> type = st instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class
                : java.sql.Statement.class;
            return java.lang.reflect.Proxy.newProxyInstance(FingerprintIT.class.getClassLoader(),
                new Class<?>[] {type}, (p2, m2, a2) -> {
                  if (m2.getName().startsWith("execute")) {
                    sent[0]++;
                  }
                  return invoke(st, m2, a2);
                });
          }
          return out;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
