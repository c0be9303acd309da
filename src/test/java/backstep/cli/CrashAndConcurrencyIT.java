package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost when the process dies mid-step: the ledger explains the state and resume or rollback completes.
 * And one target, one run: a second apply on a busy target exits 3.
 */
class CrashAndConcurrencyIT {
  private static final String PLAYBOOK = """
      id: slow-change
      title: A change with a slow step, for crash tests
      intent: Exercise interruption.
      defaults:
        guards: {lock_timeout: 500ms, retries: 12, backoff: 200ms, max_backoff: 2s}
      steps:
        - id: make-a
          kind: sql
          title: Create crash_a
          forward: CREATE TABLE crash_a (id INT PRIMARY KEY)
          rollback: DROP TABLE crash_a
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = '${schema}' AND table_name = 'crash_a'
              expect: 1
        - id: slow
          kind: sql
          title: Slow step
          forward:
            postgresql: |
              CREATE TABLE crash_b (id INT PRIMARY KEY);
              SELECT pg_sleep(4);
            mysql: |
              CREATE TABLE crash_b (id INT PRIMARY KEY);
              SELECT SLEEP(4);
              CREATE TABLE crash_c (id INT PRIMARY KEY);
          rollback:
            postgresql: DROP TABLE crash_b
            mysql: |
              DROP TABLE crash_c;
              SELECT 1;
              DROP TABLE crash_b;
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = '${schema}' AND table_name IN ('crash_b', 'crash_c')
              expect:
                postgresql: 1
      """;

  @TempDir
  Path dir;

  private Path playbook(ScratchDb.Kind kind) throws Exception {
    String text = PLAYBOOK.replace("""
              expect:
                postgresql: 1
      """, "        expect: " + (kind == ScratchDb.Kind.POSTGRES ? 1 : 2) + "\n");
    Path p = dir.resolve("slow-change.yaml");
    Files.writeString(p, text);
    return p;
  }

  private static List<String> args(ScratchDb db, String... head) {
    List<String> a = new ArrayList<>(List.of(head));
    a.addAll(db.cliArgs());
    return a;
  }

  private static int tables(ScratchDb db) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'crash%' AND table_schema = "
            + (db.kind() == ScratchDb.Kind.POSTGRES ? "current_schema()" : "DATABASE()"))) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void killedMidStepOnPostgresTheServerRollsTheStepBackAndResumeFinishesIt() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path pb = playbook(db.kind());
      try (ChildProcess child = ChildProcess.start(args(db, "apply", pb.toString(), "--yes"))) {
        child.awaitLine("▶ slow");
        child.kill();
      }
      Cli.Result status = Cli.on(db, "status");
      assertEquals(3, status.exit(), status::toString);
      assertTrue(status.out().contains("INTERRUPTED"), status::toString);
      assertTrue(status.out().contains("steps in effect: make-a"), status::toString);
      assertTrue(status.out().contains("rolled back by the server"), status::toString);

      Cli.Result again = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(3, again.exit(), "a new apply must be refused: " + again);

      Cli.Result resume = Cli.on(db, "resume", "--yes");
      assertEquals(0, resume.exit(), resume::toString);
      assertTrue(resume.out().contains("APPLIED"), resume::toString);
      assertEquals(2, tables(db));
      Cli.Result history = Cli.on(db, "history", "--run", resume.out().substring(0, resume.out().indexOf(' ')));
      assertEquals(0, history.exit(), history::toString);
      assertTrue(history.out().contains("RUN_RESUMED"), history::toString);
      assertTrue(history.out().contains("hash chain intact"), history::toString);
    }
  }

  @Test
  void killedMidStepOnMariaDbTheLedgerKnowsWhichStatementsCommittedAndRollbackUndoesExactlyThose()
      throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path pb = playbook(db.kind());
      try (ChildProcess child = ChildProcess.start(args(db, "apply", pb.toString(), "--yes"))) {
        child.awaitLine("statement 1/3");
        child.kill();
      }
      Cli.Result status = Cli.on(db, "status");
      assertEquals(3, status.exit(), status::toString);
      assertTrue(status.out().contains("INTERRUPTED"), status::toString);
      assertTrue(status.out().contains("step 'slow' had 1 of 3 statements committed"), status::toString);
      assertEquals(2, tables(db), "crash_a and crash_b exist, crash_c does not");

      Cli.Result back = Cli.on(db, "rollback", "--yes");
      assertEquals(0, back.exit(), back::toString);
      assertTrue(back.out().contains("undoing the 1 of 3 statements that had committed"), back::toString);
      assertEquals(0, tables(db));
    }
  }

  @Test
  void aSecondApplyOnABusyTargetExits3AndTheFirstFinishes() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path pb = playbook(db.kind());
      try (ChildProcess first = ChildProcess.start(args(db, "apply", pb.toString(), "--yes"))) {
        first.awaitLine("▶ slow");
        Cli.Result second = Cli.on(db, "apply", pb.toString(), "--yes");
        assertEquals(3, second.exit(), second::toString);
        assertTrue(second.err().contains("busy"), second::toString);
        assertTrue(second.err().contains("slow-change"), "names the run holding the target: " + second);
        assertEquals(0, first.waitFor(), first.seen());
      }
      assertFalse(Cli.on(db, "status").out().contains("INTERRUPTED"));
    }
  }
}
