package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.testing.Await;
import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The moments of {@link CrashAtAnyMomentIT} (reached by the engine's pause hook: no clock, so in the shared lane) and
 * {@link CrashWhileBlockedIT} (a statement the server still runs, held on a lock the test holds: alone, beside other
 * JVMs their waits missed their deadlines): kill the real CLI with SIGKILL in a child JVM at the moment, then
 * {@code status} explains (exit 3), {@code rollback} returns to exactly the starting schema and data, {@code apply}
 * succeeds, the hash chain is intact. One scratch database and one playbook per family and class.
 */
final class CrashMoments {
  private static final String PLAYBOOK = """
      id: order-notes
      title: Order notes, backfilled, indexed and required
      intent: Give every order a note that support can search.
      steps:
        - id: add-note
          kind: sql
          title: Add orders.note
          forward: ALTER TABLE orders ADD COLUMN note VARCHAR(40)
          rollback: ALTER TABLE orders DROP COLUMN note
          guards: {lock_timeout: 30s, retries: 0}
        - id: backfill-note
          kind: sql
          title: Fill the note of every order, in batches
          forward:
            postgresql: >
              UPDATE orders SET note = 'order ' || id
              WHERE id IN (SELECT id FROM orders WHERE note IS NULL ORDER BY id LIMIT ${batch_size})
            mysql: UPDATE orders SET note = CONCAT('order ', id) WHERE note IS NULL ORDER BY id LIMIT ${batch_size}
          rollback:
            postgresql: >
              UPDATE orders SET note = NULL
              WHERE id IN (SELECT id FROM orders WHERE note IS NOT NULL ORDER BY id LIMIT ${batch_size})
            mysql: UPDATE orders SET note = NULL WHERE note IS NOT NULL ORDER BY id LIMIT ${batch_size}
          verify:
            - sql: SELECT count(*) FROM orders WHERE note IS NULL
              expect: 0
          verify_rollback:
            - sql: SELECT count(*) FROM orders WHERE note IS NOT NULL
              expect: 0
          guards: {batch_size: 2000}
        - id: index-note
          kind: sql
          title: Index the note
          forward:
            postgresql: CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note)
            mysql: CREATE INDEX orders_note_idx ON orders (note)
          rollback:
            postgresql: DROP INDEX CONCURRENTLY orders_note_idx
            mysql: DROP INDEX orders_note_idx ON orders
          guards: {lock_timeout: 30s, retries: 0}
        - id: note-required
          kind: sql
          title: Require the note, and keep an audit table of note changes
          forward: |
            ALTER TABLE orders ADD CONSTRAINT orders_note_set CHECK (note IS NOT NULL);
            CREATE TABLE order_note_audit (order_id INT PRIMARY KEY, noted_by VARCHAR(40) NOT NULL);
          rollback: |
            DROP TABLE order_note_audit;
            ALTER TABLE orders DROP CONSTRAINT orders_note_set;
      """;

  /** How the test reaches a moment: the engine's pause point, or a lock the statement waits on. */
  enum Reach { PAUSE, BLOCKED_STATEMENT }

  /**
   * One moment to kill at. {@code command} is {@code apply} or {@code rollback}; {@code says} is what
   * {@code status} must explain; {@code resume}: continue with {@code resume} (then roll back) instead of rolling
   * back at once.
   */
  record Moment(String name, String command, Reach reach, String pauseAt, List<String> says, boolean resume) {
    static Moment apply(String pauseAt, String... says) {
      return new Moment(pauseAt, "apply", Reach.PAUSE, pauseAt, List.of(says), false);
    }

    static Moment rollback(String pauseAt, String... says) {
      return new Moment("rollback at " + pauseAt, "rollback", Reach.PAUSE, pauseAt, List.of(says), false);
    }

    Moment thenResume() {
      return new Moment(name + " (then resume)", command, reach, pauseAt, says, true);
    }
  }

  private CrashMoments() {
  }

  /** Runs {@code moments} in order on one scratch database of {@code kind}; fails listing every moment that failed. */
  static void run(Path dir, ScratchDb.Kind kind, List<Moment> moments) throws Exception {
    Path pb = dir.resolve("order-notes.yaml");
    Files.writeString(pb, PLAYBOOK);
    List<String> failures = new ArrayList<>();
    ScratchDb db = ScratchDb.create(kind);
    try {
      seed(db);
      Fingerprint start = fingerprint(db);
      boolean applied = false;
      for (Moment m : moments) {
        long t0 = System.nanoTime();
        try {
          applied = moment(db, pb, m, start, applied);
          System.err.printf(Locale.ROOT, "%s: %d ms%n", m.name(), (System.nanoTime() - t0) / 1_000_000);
        } catch (AssertionError | Exception e) {
          failures.add(m.name() + ": " + e.getMessage());
          db.close(); // a fresh database, so one broken moment does not hide the others
          db = ScratchDb.create(kind);
          seed(db);
          start = fingerprint(db);
          applied = false;
        }
      }
    } finally {
      db.close();
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + moments.size() + " moments failed:\n"
        + String.join("\n\n", failures));
  }

  /** Runs one moment from the state {@code applied} says; returns the state it leaves (always applied). */
  private static boolean moment(ScratchDb db, Path pb, Moment m, Fingerprint start, boolean applied)
      throws Exception {
    boolean wantApplied = m.command().equals("rollback");
    if (applied && !wantApplied) {
      expect(0, Cli.on(db, "rollback", "--yes"), "rollback before the moment");
      assertSame(start, db, "before the moment");
    } else if (!applied && wantApplied) {
      expect(0, Cli.on(db, "apply", pb.toString(), "--yes"), "apply before the moment");
    }
    Connection holder = null;
    try {
      List<String> args = new ArrayList<>(List.of(m.command()));
      if (m.command().equals("apply")) {
        args.add(pb.toString());
      }
      args.add("--yes");
      args.addAll(db.cliArgs());
      if (m.reach() == Reach.BLOCKED_STATEMENT) {
        holder = holdWhatTheStatementWaitsFor(db);
      }
      Map<String, String> env = m.pauseAt() == null ? Map.of() : Map.of("BACKSTEP_TEST_PAUSE_AT", m.pauseAt());
      try (ChildProcess child = ChildProcess.start(args, env, null)) {
        if (m.reach() == Reach.PAUSE) {
          child.awaitLine("BACKSTEP_TEST_PAUSE");
        } else {
          awaitWaiting(db);
        }
        child.kill();
      }
      db.awaitRunLockFree();
      Cli.Result status = Cli.on(db, "status");
      expect(3, status, "status after the kill");
      for (String words : m.says()) {
        assertTrue(status.out().contains(words), "status must say '" + words + "': " + status);
      }
      if (holder != null) {
        holder.rollback(); // the statement the dead process sent now runs to its end on the server
        holder.close();
        holder = null;
      }
      if (m.resume()) {
        Cli.Result resume = Cli.on(db, "resume", "--yes");
        expect(0, resume, "resume after the kill");
        assertTrue(resume.out().contains("APPLIED"), resume::toString);
        assertFullyApplied(db);
      }
      Cli.Result back = Cli.on(db, "rollback", "--yes");
      expect(0, back, "rollback after the kill");
      assertTrue(back.out().contains("ROLLED BACK"), back::toString);
      if (m.resume()) { // resumed, however early the process died: its "before" was recorded, so it is proven
        assertTrue(back.out().contains("ROLLED BACK — proven"), back::toString);
      }
      assertSame(start, db, "after the rollback");
      Cli.Result status2 = Cli.on(db, "status");
      expect(0, status2, "status after the rollback");
      assertTrue(!status2.out().contains("▶"), "no step is left running after its run is rolled back: " + status2);
      expect(0, Cli.on(db, "apply", pb.toString(), "--yes"), "apply after the rollback");
      assertFullyApplied(db);
      Cli.Result verify = Cli.on(db, "audit", "verify");
      expect(0, verify, "audit verify");
      assertTrue(verify.out().contains("intact"), verify::toString);
      return true;
    } finally {
      if (holder != null) {
        holder.close();
      }
    }
  }

  private static void expect(int exit, Cli.Result r, String what) {
    assertEquals(exit, r.exit(), what + ": " + r);
  }

  private static void seed(ScratchDb db) throws SQLException {
    if (db.kind() == ScratchDb.Kind.POSTGRES) {
      db.exec("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, total NUMERIC(10,2) NOT NULL)",
          "INSERT INTO orders SELECT g, 'customer ' || (g % 97), (g % 500) + 0.25 FROM generate_series(1, 20000) g");
    } else {
      db.exec("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, total DECIMAL(10,2) NOT NULL)",
          "INSERT INTO orders SELECT seq, CONCAT('customer ', seq % 97), (seq % 500) + 0.25 FROM seq_1_to_20000");
    }
  }

  private static Fingerprint fingerprint(ScratchDb db) throws Exception {
    try (Database d = db.open()) {
      return Fingerprint.take(d);
    }
  }

  private static void assertSame(Fingerprint start, ScratchDb db, String when) throws Exception {
    List<String> diffs = Fingerprint.compare(start, fingerprint(db)).stream().map(Difference::describe).toList();
    assertTrue(diffs.isEmpty(), "schema and data " + when + " differ from the start: " + diffs);
  }

  private static void assertFullyApplied(ScratchDb db) throws SQLException {
    boolean pg = db.kind() == ScratchDb.Kind.POSTGRES;
    String sql = pg
        ? "SELECT (SELECT count(*) FROM orders WHERE note IS NULL), (SELECT count(*) FROM pg_index x JOIN pg_class i "
            + "ON i.oid = x.indexrelid WHERE i.relname = 'orders_note_idx' AND x.indisvalid), (SELECT count(*) FROM "
            + "information_schema.tables WHERE table_schema = current_schema() AND table_name = 'order_note_audit')"
        : "SELECT (SELECT count(*) FROM orders WHERE note IS NULL), (SELECT count(*) FROM information_schema.statistics"
            + " WHERE table_schema = DATABASE() AND index_name = 'orders_note_idx'), (SELECT count(*) FROM "
            + "information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'order_note_audit')";
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      assertEquals(List.of(0, 1, 1), List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)),
          "every note filled, the index valid, the audit table there");
    }
  }

  /**
   * Holds what the moment's statement will wait for. PostgreSQL: a transaction with an old snapshot, which CREATE
   * INDEX CONCURRENTLY waits out before it marks the index valid (the index is built and invalid meanwhile).
   * MariaDB: a transaction that has read {@code orders}, whose metadata lock ALTER TABLE waits for.
   */
  private static Connection holdWhatTheStatementWaitsFor(ScratchDb db) throws SQLException {
    Connection c = db.connect();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      if (db.kind() == ScratchDb.Kind.POSTGRES) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        st.executeQuery("SELECT count(*) FROM pg_class").close();
      } else {
        st.executeQuery("SELECT id FROM orders LIMIT 1").close();
      }
    }
    return c;
  }

  /** Waits until the dead-to-be process's statement waits on the lock the test holds. */
  private static void awaitWaiting(ScratchDb db) throws Exception {
    String sql = db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            + "AND query LIKE 'CREATE INDEX CONCURRENTLY%'"
        : "SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() "
            + "AND state LIKE 'Waiting for table metadata lock%' AND info LIKE 'ALTER TABLE orders ADD COLUMN%'";
    poll(db, sql, true, "the statement to wait for the test's lock");
  }

  private static void poll(ScratchDb db, String sql, boolean want, String what) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      Await.until(what, Duration.ofSeconds(60), Duration.ofMillis(50), () -> {
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          return (rs.getLong(1) > 0) == want;
        }
      });
    }
  }
}
