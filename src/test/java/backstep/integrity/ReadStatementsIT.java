package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.db.OwedSql;
import backstep.testing.ScratchDb;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.core.Parser;

/**
 * PostgreSQL: the read around a step sends its savepoint, its settings and its catalog statements as few statements
 * as it can (each statement of a round trip is parsed, bound and run by the server on its own: docs/performance.md,
 * session 14), and the settings still hold as they did when each was a {@code SET LOCAL} of its own: a session with
 * other settings reads the same fingerprint, and has its settings back after.
 */
class ReadStatementsIT {
  /** Every setting the read pins, at a value other than the read's and the server's default. */
  private static final Map<String, String> ODD = new LinkedHashMap<>();

  static {
    ODD.put("TimeZone", "America/New_York");
    ODD.put("DateStyle", "ISO, DMY"); // the driver refuses any but ISO output
    ODD.put("IntervalStyle", "sql_standard");
    ODD.put("extra_float_digits", "-2");
    ODD.put("bytea_output", "escape");
    ODD.put("lc_monetary", "C.UTF-8");
    ODD.put("plan_cache_mode", "force_custom_plan");
    ODD.put("enable_seqscan", "off");
    ODD.put("jit", "on");
  }

  private static void schema(ScratchDb db) throws SQLException {
    db.exec("CREATE TABLE odd (id int PRIMARY KEY, at timestamptz DEFAULT now(), day date, span interval,"
            + " ratio float8, small float4, raw bytea, price money, n numeric, CHECK (span > interval '0'))",
        "INSERT INTO odd VALUES (1, '2026-12-07 08:15:30.123456+00', '2026-02-03', '1 day 02:03:04.5', 0.1, 0.3,"
            + " '\\x00ff10', 12.5, 1.10), (2, NULL, NULL, '3 months', 1e300, -1.5e-20, '', 0, NULL)",
        "CREATE INDEX odd_at ON odd (at) WHERE day > '2026-01-01'", "CREATE VIEW odd_view AS SELECT id, at FROM odd",
        "CREATE SEQUENCE odd_seq START 5");
  }

  /** A fingerprint read in a session whose settings are all other than the read's (it pins them), and after. */
  @Test
  void aSessionWithOtherSettingsReadsTheSameFingerprintAndHasItsSettingsBack() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      schema(db);
      Set<String> scope = Set.of("odd", "odd_view", "odd_seq");
      String plain;
      String plainScoped;
      try (Connection c = db.connect()) {
        plain = Fingerprint.take(c, Dialect.POSTGRES, "public").toJson();
        plainScoped = Fingerprint.take(c, Dialect.POSTGRES, "public", scope, Set.of("odd"), 1_000_000).toJson();
      }
      try (Connection c = db.connect()) {
        for (Map.Entry<String, String> e : ODD.entrySet()) {
          ScratchDb.rows(c, "SELECT set_config('" + e.getKey() + "', '" + e.getValue() + "', false)");
        }
        for (int round = 0; round < 2; round++) { // the second with the catalog statements prepared
          assertEquals(plain, Fingerprint.take(c, Dialect.POSTGRES, "public").toJson(), "own transaction");
          assertEquals(plainScoped, Fingerprint.take(c, Dialect.POSTGRES, "public", scope, Set.of("odd"),
              1_000_000).toJson(), "own transaction, scoped");
          assertSettings(c, "after a read in its own transaction");
          c.setAutoCommit(false);
          try {
            OwedSql owed = new OwedSql();
            assertEquals(plainScoped, Fingerprint.take(c, Dialect.POSTGRES, "public", scope, Set.of("odd"),
                1_000_000, owed).toJson(), "inside a transaction");
            owed.flush(c);
            assertSettings(c, "inside the transaction, after the read");
            assertEquals(List.of("off"), ScratchDb.rows(c, "SHOW transaction_read_only"));
            ScratchDb.rows(c, "INSERT INTO odd (id) VALUES (3) RETURNING id"); // still writable
            c.rollback();
          } finally {
            c.setAutoCommit(true);
          }
          assertSettings(c, "after the transaction");
        }
      }
    }
  }

  private static void assertSettings(Connection c, String when) throws SQLException {
    for (Map.Entry<String, String> e : ODD.entrySet()) {
      assertEquals(List.of(e.getValue()), ScratchDb.rows(c, "SELECT current_setting('" + e.getKey() + "')"),
          e.getKey() + ", " + when);
    }
  }

  /**
   * A warm scoped read inside a step's transaction: its savepoint, its settings (one {@code set_config} for all of
   * them, {@code enable_seqscan} among them), the eight catalog {@code EXECUTE}s and the sequential scans back on, in
   * one round trip; its way back in one. It was 21 statements: the savepoint, ten {@code SET LOCAL}s before the
   * {@code EXECUTE}s and one after, and the way back.
   */
  @Test
  void aScopedReadInsideAStepIsThirteenStatementsInTwoRoundTrips() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      schema(db);
      try (Connection real = db.connect()) {
        List<String> sent = new ArrayList<>();
        Connection c = recording(real, sent);
        Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("odd"), Set.of(), 1_000_000); // prepares
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          st.execute("ALTER TABLE odd ADD COLUMN note text");
          sent.clear();
          Fingerprint f = Fingerprint.take(c, Dialect.POSTGRES, "public", Set.of("odd", "new_one"), Set.of(),
              1_000_000);
          assertTrue(f.schema().table("odd").orElseThrow().column("note").isPresent());
          assertEquals(2, sent.size(), "round trips: " + sent);
          assertEquals(13, statements(sent), "statements: " + sent);
          assertFalse(sent.get(0).contains("SET LOCAL TimeZone"), sent.get(0));
          c.rollback();
        } finally {
          c.setAutoCommit(true);
        }
      }
    }
  }

  /** The statements in {@code texts}, as the driver splits them. */
  private static int statements(List<String> texts) throws SQLException {
    int n = 0;
    for (String t : texts) {
      n += Parser.parseJdbcSql(t, true, false, true, false, false).size();
    }
    return n;
  }

  /** {@code c}, recording each text its statements execute (a round trip each) into {@code sent}. */
  private static Connection recording(Connection c, List<String> sent) {
    return (Connection) Proxy.newProxyInstance(ReadStatementsIT.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, m, args) -> {
          Object out = invoke(c, m, args);
          if (out instanceof Statement st) {
            String prepared = out instanceof PreparedStatement ? (String) args[0] : null;
            Class<?> type = prepared != null ? PreparedStatement.class : Statement.class;
            return Proxy.newProxyInstance(ReadStatementsIT.class.getClassLoader(), new Class<?>[] {type},
                (p2, m2, a2) -> {
                  if (m2.getName().startsWith("execute")) {
                    sent.add(prepared != null ? prepared : (String) a2[0]);
                  }
                  return invoke(st, m2, a2);
                });
          }
          return out;
        });
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
