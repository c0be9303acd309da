package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.LedgerKey;
import backstep.db.TargetSpec;
import backstep.state.RunState;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run's rows that belong together — its row with RUN_STARTED, its fingerprint with FINGERPRINT, its state with its
 * event and the chain head — written on PostgreSQL as one statement each ({@link RunRows}) are the very rows the
 * statements one after the other wrote (same instants, same values, byte for byte), keyed chain or not; a statement
 * that fails writes none of them and leaves the chain head where it was.
 */
class RunRowsIT {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00.123Z");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void oneStatementWritesTheRowsTheStatementsOneAfterTheOtherWrote(boolean keyed) throws Exception {
    try (Two two = new Two(keyed)) {
      Connection c1 = two.c1;
      Connection c2 = two.c2;
      Ledger l1 = two.l1;
      Ledger l2 = two.l2;
      assertTrue(l1.runRowsInOneStatement(c1), "PostgreSQL with the tag columns: one statement each");
      RunRecord mine = run("r-1", "t", new RunTags("abc123", true, Map.of("ticket", "CAB-7")), null);
      RunRecord other = run("r-2", "other-name", RunTags.NONE, "approver-a"); // a run of another name of this database
      FingerprintStore.Row fp = new FingerprintStore.Row("r-1", "run", "{\"schema\":{\"tables\":[]}}", T0);
      for (RunRecord r : List.of(mine, other)) {
        l1.startRun(c1, r, "playbook text", r.operator(), "{\"to_step\":\"migrate\"}", T0);
        inOne(c2, () -> {
          l2.insertRun(c2, r, "playbook text");
          l2.append(c2, r.runId(), EventType.RUN_STARTED, null, r.operator(), "{\"to_step\":\"migrate\"}", T0);
        });
      }
      l1.runFingerprint(c1, fp, "backstep", "{\"label\":\"run\"}", T0.plusMillis(1));
      inOne(c2, () -> {
        new FingerprintStore(two.dbApart).save(c2, fp.runId(), fp.label(), fp.body(), fp.at());
        l2.append(c2, "r-1", EventType.FINGERPRINT, null, "backstep", "{\"label\":\"run\"}", T0.plusMillis(1));
      });
      for (RunRecord r : List.of(mine, other)) {
        RunRecord ended = r.withState(RunState.APPLIED, T0.plusMillis(7), null).ended(T0.plusMillis(7));
        l1.runState(c1, ended, EventType.RUN_APPLIED, r.operator(), "{\"state\":\"APPLIED\"}", T0.plusMillis(8));
        inOne(c2, () -> {
          l2.updateRun(c2, ended);
          l2.append(c2, r.runId(), EventType.RUN_APPLIED, null, r.operator(), "{\"state\":\"APPLIED\"}",
              T0.plusMillis(8));
          l2.recordHead(c2, r.runId());
        });
      }
      two.assertSameRows();
      assertEquals(List.of("r-1 4 " + l1.eventHash(c1, 4).orElseThrow(), "r-2 null null"),
          ScratchDb.rows(c1, "SELECT run_id, head_seq, head_hash FROM backstep.run ORDER BY run_seq"),
          "the head is recorded in this name's run only, as recordHead does");
      assertTrue(l1.verifyChain(c1).intact(), l1.verifyChain(c1).toString());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aStartWithItsFingerprintWritesTheRowsOfAStartThenAFingerprint(boolean keyed) throws Exception {
    try (Two two = new Two(keyed)) {
      for (String id : List.of("r-1", "r-2")) {
        RunRecord r = run(id, "t", RunTags.NONE, null);
        FingerprintStore.Row fp = new FingerprintStore.Row(id, "run", "{\"of\":\"" + id + "\"}", T0);
        two.l1.startRun(two.c1, r, "text", "ana", "{\"to_step\":\"migrate\"}", T0,
            new Ledger.FingerprintEvent(fp, "backstep", "{\"label\":\"run\"}", T0));
        two.l2.startRun(two.c2, r, "text", "ana", "{\"to_step\":\"migrate\"}", T0);
        two.l2.runFingerprint(two.c2, fp, "backstep", "{\"label\":\"run\"}", T0);
      }
      two.assertSameRows();
      assertEquals(two.l2.head(), two.l1.head());
      assertTrue(two.l1.verifyChain(two.c1).intact(), two.l1.verifyChain(two.c1).toString());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRunWriteThatFailsWritesNothingAndLeavesTheHead(boolean keyed) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES); Database db = open(scratch, keyed);
        Connection c = db.connection()) {
      Ledger ledger = ready(db, c);
      RunRecord r = run("r-1", "t", RunTags.NONE, null);
      ledger.startRun(c, r, "text", "ana", null, T0);
      Ledger.Head head = ledger.head();
      List<String> events = ScratchDb.rows(c, "SELECT seq, hash FROM backstep.event ORDER BY seq");
      assertThrows(SQLException.class, () -> ledger.startRun(c, r, "text", "ana", null, T0), "the run is there");
      FingerprintStore.Row tooLong = new FingerprintStore.Row("r-1", "x".repeat(300), "{}", T0); // label > 200
      assertThrows(SQLException.class, () -> ledger.runFingerprint(c, tooLong, "backstep", "{}", T0));
      RunRecord badState = r.withState(RunState.APPLIED, T0, null);
      c.createStatement().execute("ALTER TABLE backstep.run ADD CONSTRAINT never_applied CHECK (state <> 'APPLIED')");
      assertThrows(SQLException.class, () -> ledger.runState(c, badState, EventType.RUN_APPLIED, "ana", null, T0));
      assertEquals(head, ledger.head(), "the chain head did not move");
      assertEquals(events, ScratchDb.rows(c, "SELECT seq, hash FROM backstep.event ORDER BY seq"), "no event");
      assertEquals(List.of("1 RUNNING null"), ScratchDb.rows(c, "SELECT count(*), min(state), min(head_seq) "
          + "FROM backstep.run"), "no second run, its state and head unchanged");
      assertEquals(List.of("0"), ScratchDb.rows(c, "SELECT count(*) FROM backstep.fingerprint"));
      ledger.runState(c, r.withState(RunState.FAILED, T0, "x"), EventType.RUN_FAILED, "ana", null, T0);
      assertTrue(ledger.verifyChain(c).intact(), "the next event links to the head: " + ledger.verifyChain(c));
    }
  }

  /**
   * Two ledgers of the same target name on two scratch databases: {@code l1} written one statement at a time
   * ({@link RunRows}), {@code l2} the rows one after the other.
   */
  private final class Two implements AutoCloseable {
    final ScratchDb one = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    final ScratchDb apart = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    final Database dbOne;
    final Database dbApart;
    final Connection c1;
    final Connection c2;
    final Ledger l1;
    final Ledger l2;

    Two(boolean keyed) throws Exception {
      dbOne = open(one, keyed);
      dbApart = open(apart, keyed);
      c1 = dbOne.connection();
      c2 = dbApart.connection();
      l1 = ready(dbOne, c1);
      l2 = ready(dbApart, c2);
    }

    /** Every column of every ledger row the same on both (the databases' own names masked). */
    void assertSameRows() throws SQLException {
      for (String sql : List.of("SELECT * FROM backstep.run ORDER BY run_seq", "SELECT * FROM backstep.event "
          + "ORDER BY seq", "SELECT * FROM backstep.fingerprint ORDER BY run_id, label")) {
        assertEquals(masked(apart, ScratchDb.rows(c2, sql)), masked(one, ScratchDb.rows(c1, sql)), sql);
      }
    }

    @Override
    public void close() throws Exception {
      try (one; apart; dbOne; dbApart; c1; c2) {
        // all closed, in reverse order
      }
    }
  }

  private Database open(ScratchDb scratch, boolean keyed) throws Exception {
    Database db = Database.open(new TargetSpec("t", scratch.url(), scratch.user(), null, EnvironmentClass.SANDBOX),
        null, Path.of("target"), false);
    if (keyed) {
      Path file = dir.resolve("ledger.key");
      Files.writeString(file, "correct horse battery staple 42\n");
      db.useLedgerKey(LedgerKey.resolve(file, Map.of()).orElseThrow());
    }
    return db;
  }

  private static Ledger ready(Database db, Connection c) throws SQLException {
    Ledger ledger = new Ledger(db);
    ledger.ensureSchema(c);
    ledger.loadHead(c);
    return ledger;
  }

  private static RunRecord run(String id, String target, RunTags tags, String approver) {
    return new RunRecord(id, "CHG-" + id, target, "pb-" + id, 3, "a".repeat(64), "/p/" + id + ".yaml", "POSTGRES",
        RunState.RUNNING, "ana", "os-ana", "host-1", 4242, approver, T0, T0, null, null, tags);
  }

  /** The rows with the database's identity (its name is the scratch database's own) masked. */
  private static List<String> masked(ScratchDb scratch, List<String> rows) {
    return rows.stream().map(r -> r.replace(scratch.name(), "<db>")).toList();
  }

  private interface Writes {
    void run() throws SQLException;
  }

  /** The writes in one transaction, as the engine's ControlTx made them before (all or none, one commit). */
  private static void inOne(Connection c, Writes w) throws SQLException {
    c.setAutoCommit(false);
    w.run();
    c.commit();
    c.setAutoCommit(true);
  }
}
