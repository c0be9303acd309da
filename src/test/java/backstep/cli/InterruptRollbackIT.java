package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Await;
import backstep.testing.Cli;
import backstep.testing.ChildProcess;
import backstep.testing.HeldTable;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ctrl+C during {@code backstep apply --rollback-on-interrupt}, in a real process, while a step waits on another
 * session's lock: the wait is cancelled at once (the step's lock timeout is 120 s), no other step starts, what the
 * run applied is rolled back and proven, the ledger says who asked and when, and the blocking session is left alone.
 */
class InterruptRollbackIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void ctrlCWhileAStepWaitsOnALockRollsTheRunBackWithProof(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("interrupt.yaml");
    Files.writeString(pb, HeldTable.notesThenColumn(kind));
    try (ScratchDb db = ScratchDb.create(kind); Connection blocker = HeldTable.hold(db)) {
      interruptWhileWaiting(db, List.of("apply", pb.toString()));
      assertTrue(blocker.isValid(5), "the blocking session is left alone");
    }
  }

  /** The same with {@code resume}: a run paused after its first step, resumed into the lock. */
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void ctrlCDuringAResumeRollsTheRunBackWithProof(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("interrupt.yaml");
    Files.writeString(pb, HeldTable.notesThenColumn(kind));
    try (ScratchDb db = ScratchDb.create(kind); Connection blocker = HeldTable.hold(db)) {
      Cli.Result paused = Cli.on(db, "apply", pb.toString(), "--to", "notes", "--yes", "--operator", "ana");
      assertEquals(ExitCodes.OK, paused.exit(), paused::toString);
      interruptWhileWaiting(db, List.of("resume", pb.toString()));
      assertTrue(blocker.isValid(5), "the blocking session is left alone");
    }
  }

  /**
   * Runs {@code command} with {@code --rollback-on-interrupt} in a process of its own, sends SIGINT once the step
   * waits on the held lock, and checks the run rolled back with proof and ana's request in the ledger.
   */
  private void interruptWhileWaiting(ScratchDb db, List<String> command) throws Exception {
    Path out = dir.resolve("out.txt");
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--yes", "--operator", "ana", "--rollback-on-interrupt"));
    args.addAll(db.cliArgs());
    try (ChildProcess child = ChildProcess.start(args, java.util.Map.of(), out)) {
      child.awaitLine("▶ add");
      Await.until("the step waits on the blocker's lock", Duration.ofSeconds(60), () -> waiting(db) == 1);
      Instant pressed = Instant.now();
      child.interrupt();
      int exit = child.waitFor(); // well before the 120 s lock timeout: the wait was cancelled
      String printed = Files.readString(out) + child.seen();
      assertEquals(ExitCodes.FAILED, exit, printed);
      assertTrue(printed.contains("Ctrl+C: ana asked to roll back"), printed);
      assertTrue(printed.contains("ROLLED BACK — proven"), printed);
      String started = db.lastEvent("ROLLBACK_STARTED");
      assertTrue(started.contains("\"requested_by\":\"ana\""), started);
      Instant at = Instant.parse(started.replaceAll(".*\"requested_at\":\"([^\"]+)\".*", "$1"));
      long ms = Duration.between(pressed, at).toMillis();
      assertTrue(ms >= 0 && ms < 10_000, "stamped when the signal came: " + ms + " ms after it was sent");
    }
    assertEquals(0, count(db, "order_note"), "the notes table is gone");
  }

  /** Sessions of this database waiting on a lock now. */
  private static int waiting(ScratchDb db) throws Exception {
    return single(db, db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for%lock' "
            + "AND DB = DATABASE()");
  }

  private static int count(ScratchDb db, String table) throws Exception {
    return single(db, "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "' AND "
        + "table_schema = " + (db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()"));
  }

  private static int single(ScratchDb db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
