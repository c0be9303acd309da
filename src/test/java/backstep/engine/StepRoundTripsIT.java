package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL sends a step's verify query with what goes before it: the next step's pre-check with the commit of the
 * step before, a step's first verify query after its last statement. Whatever fails in such a round trip must fail
 * as it did when each went alone: a commit's error is the step's, a statement's error is the statement's, a verify's
 * error or write fails the check, and the rows a step changed are counted.
 */
class StepRoundTripsIT {
  @TempDir
  Path dir;

  private Path playbook(String steps) throws Exception {
    Path pb = dir.resolve("engine-trips.yaml");
    Files.writeString(pb, """
        id: engine-trips
        title: Round trips of a step
        intent: prove that what rides together fails as it did alone
        steps:
        %s
        """.formatted(steps.indent(2).stripTrailing()));
    return pb;
  }

  private static List<String> stepStates(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT step_id || '=' || state || ':' || rows_affected FROM backstep.step_exec "
            + "ORDER BY step_index")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long count(ScratchDb db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aCommitThatFailsWithTheNextStepsPrecheckFailsItsStepAndTheNextDoesNotRun() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE parent (id int PRIMARY KEY)",
          "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)");
      Path pb = playbook("""
          - id: orphan
            kind: sql
            title: Insert a child without its parent (refused only at commit)
            forward: INSERT INTO child VALUES (1, 42)
            rollback: DELETE FROM child WHERE id = 1
            verify:
              - sql: SELECT count(*) FROM child WHERE id = 1
                expect: 1
          - id: second
            kind: sql
            title: Create t2
            forward: CREATE TABLE t2 (id int)
            rollback: DROP TABLE t2
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE tablename = 't2'
                expect: 1
          """);
      Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("violates foreign key constraint"), r.toString());
      assertEquals(0, count(db, "SELECT count(*) FROM child"), "the orphan did not commit");
      assertEquals(0, count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't2'"), "step two did not run");
      List<String> states = stepStates(db);
      assertTrue(states.get(0).startsWith("orphan=FAILED"), states.toString());
      assertFalse(states.size() > 1 && states.get(1).startsWith("second=APPLIED"), states.toString());
    }
  }

  @Test
  void theNextStepsPrecheckSeesWhatTheStepBeforeCommitted() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE t3 (id int)");
      Path pb = playbook("""
          - id: one
            kind: sql
            title: Create t1 and t2
            forward: CREATE TABLE t1 (id int); CREATE TABLE t2 (id int)
            rollback: DROP TABLE t2; DROP TABLE t1
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE tablename = 't1'
                expect: 1
          - id: two
            kind: sql
            title: Create t2 (already there after step one)
            forward: CREATE TABLE t2 (id int)
            rollback: DROP TABLE t2
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE tablename = 't2'
                expect: 1
          - id: three
            kind: sql
            title: Fill t3
            forward: INSERT INTO t3 SELECT generate_series(1, 5)
            rollback: DELETE FROM t3
            verify:
              - sql: SELECT count(*) FROM t3
                expect: 5
          - id: four
            kind: sql
            title: Create t4 with three rows (its pre-check fails on the missing table, in the ride)
            forward: CREATE TABLE t4 AS SELECT generate_series(1, 3) AS id
            rollback: DROP TABLE t4
            verify:
              - sql: SELECT count(*) FROM t4
                expect: 3
          """);
      Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("FOUND IN PLACE"), r.toString());
      assertEquals(List.of("one=APPLIED:0", "two=SKIPPED:0", "three=APPLIED:5", "four=APPLIED:3"), stepStates(db),
          "step two found in place, the rows of steps three and four counted with their verify in the same round trip");

      Cli.Result back = Cli.on(db, "rollback", "--yes");
      assertEquals(0, back.exit(), back.toString());
      // step four's verify turned around proves it undone by its error (t4 is gone), read after its DROP
      assertEquals(List.of("one=ROLLED_BACK:0", "two=SKIPPED:0", "three=ROLLED_BACK:5", "four=ROLLED_BACK:0"),
          stepStates(db));
      assertEquals(0, count(db, "SELECT count(*) FROM t3"));
    }
  }

  @Test
  void aFailingStatementIsTheStatementsErrorAndAFailingVerifyTheVerifys() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path bad = playbook("""
          - id: bad-statement
            kind: sql
            title: Alter a table that is not there
            forward: ALTER TABLE nowhere ADD COLUMN x int
            rollback: ALTER TABLE nowhere DROP COLUMN x
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE tablename = 'nowhere'
                expect: 1
          """);
      Cli.Result r = Cli.on(db, "apply", bad.toString(), "--yes");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("statement 1 of 1"), r.toString());
      assertTrue(r.out().contains("\"nowhere\" does not exist"), r.toString());
      assertFalse(r.out().contains("not proven applied"), r.toString());
    }
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE t0 (id int)");
      Path failing = playbook("""
          - id: bad-verify
            kind: sql
            title: Create t1, with a verify that fails once t1 is there
            forward: CREATE TABLE t1 (id int)
            rollback: DROP TABLE t1
            verify:
              - sql: SELECT 1 / (SELECT count(*)::int - 2 FROM pg_tables WHERE tablename IN ('t0', 't1'))
                expect: 1
          """);
      Cli.Result r = Cli.on(db, "apply", failing.toString(), "--yes");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("not proven applied"), r.toString());
      assertTrue(r.out().contains("division by zero"), r.toString());
      assertEquals(0, count(db, "SELECT count(*) FROM pg_tables WHERE tablename = 't1'"), "rolled back");
    }
  }

  private static ScratchDb auditLog() throws Exception {
    ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    db.exec("CREATE TABLE audit_log (id int PRIMARY KEY, what text)",
        "INSERT INTO audit_log VALUES (1, 'login'), (2, 'refund'), (3, 'logout')",
        // writes only once the column is there: the pre-check reads 0, the verify after the statement writes
        "CREATE FUNCTION purge_when_noted() RETURNS int LANGUAGE plpgsql AS $$ BEGIN "
            + "IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'audit_log' "
            + "AND column_name = 'note') THEN DELETE FROM audit_log; RETURN 1; END IF; RETURN 0; END $$",
        "CREATE FUNCTION purge() RETURNS int LANGUAGE sql AS 'DELETE FROM audit_log RETURNING 1'");
    return db;
  }

  @Test
  void aVerifyThatWritesIsRefusedWhereverItRides() throws Exception {
    try (ScratchDb db = auditLog()) {
      Path pb = playbook("""
          - id: first
            kind: sql
            title: Create t1
            forward: CREATE TABLE t1 (id int)
            rollback: DROP TABLE t1
            verify:
              - sql: SELECT count(*) FROM pg_tables WHERE tablename = 't1'
                expect: 1
          - id: writes-in-precheck
            kind: sql
            title: Create t2, with a verify that writes (its pre-check goes with step one's commit)
            forward: CREATE TABLE t2 (id int)
            rollback: DROP TABLE t2
            verify:
              - sql: SELECT purge() FROM audit_log WHERE id = 1
                expect: 1
          """);
      Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
      assertNotEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("tried to change data"), r.toString());
      assertEquals(3, count(db, "SELECT count(*) FROM audit_log"), "the verify deleted nothing");
      assertTrue(stepStates(db).get(0).startsWith("first=APPLIED"), stepStates(db).toString());
    }
    try (ScratchDb db = auditLog()) {
      Path after = dir.resolve("after.yaml");
      Files.writeString(after, """
          id: engine-trips-after
          title: A verify that writes after the statement
          intent: prove the verify after the statement is read-only
          steps:
            - id: add-note
              kind: sql
              title: Add audit_log.note
              forward: ALTER TABLE audit_log ADD COLUMN note text
              rollback: ALTER TABLE audit_log DROP COLUMN note
              verify:
                - sql: SELECT purge_when_noted() FROM audit_log WHERE id = 1
                  expect: 1
          """);
      Cli.Result r2 = Cli.on(db, "apply", after.toString(), "--yes");
      assertNotEquals(0, r2.exit(), r2.toString());
      assertTrue(r2.out().contains("tried to change data"), r2.toString());
      assertEquals(3, count(db, "SELECT count(*) FROM audit_log"), "the verify deleted nothing");
      assertEquals(0, count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'audit_log' "
          + "AND column_name = 'note'"), "the step's transaction rolled back");
    }
  }

  /**
   * A step's ledger rows go in the round trip of its commit and of the next step's pre-check (PostgreSQL). When the
   * rows fail there, the commit never ran: the step must fail with nothing of it committed, even though the server
   * then reports a failed transaction just as it does for a pre-check that failed after the commit. MariaDB runs
   * the step statement by statement and writes its rows after it; there too the run must stop at the step.
   */
  @Test
  void ledgerRowsThatFailInTheCommitsRoundTripFailTheStepAndCommitNothing() throws Exception {
    for (ScratchDb.Kind kind : ScratchDb.Kind.values()) {
      try (ScratchDb db = ScratchDb.create(kind)) {
        db.exec("CREATE TABLE t (id int PRIMARY KEY)");
        Path warm = dir.resolve("warm.yaml");
        Files.writeString(warm, """
            id: warm
            title: Creates the ledger
            intent: the ledger's tables must be there for the trigger below
            steps:
              - id: noop
                kind: sql
                title: Nothing
                forward: SELECT 1
                rollback: SELECT 1
            """);
        Cli.Result w = Cli.on(db, "apply", warm.toString(), "--yes");
        assertEquals(0, w.exit(), w.toString());
        if (kind == ScratchDb.Kind.POSTGRES) {
          db.exec("CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                  + "IF NEW.step_id = 'doomed' AND NEW.event_type = 'STEP_APPLIED' THEN "
                  + "RAISE EXCEPTION 'ledger refuses doomed'; END IF; RETURN NEW; END $$",
              "CREATE TRIGGER refuse_doomed BEFORE INSERT ON backstep.event FOR EACH ROW "
                  + "EXECUTE FUNCTION refuse_doomed()");
        } else {
          db.exec("CREATE TRIGGER refuse_doomed BEFORE INSERT ON backstep_event FOR EACH ROW "
              + "BEGIN IF NEW.step_id = 'doomed' AND NEW.event_type = 'STEP_APPLIED' THEN "
              + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger refuses doomed'; END IF; END");
        }
        Path pb = playbook("""
            - id: doomed
              kind: sql
              title: Insert a row whose step's ledger rows are refused
              forward: INSERT INTO t VALUES (1)
              rollback: DELETE FROM t WHERE id = 1
              verify:
                - sql: SELECT count(*) FROM t WHERE id = 1
                  expect: 1
            - id: next
              kind: sql
              title: Insert another row (its pre-check fails too, in the same round trip as the rows)
              forward: INSERT INTO t VALUES (2)
              rollback: DELETE FROM t WHERE id = 2
              verify:
                - sql: SELECT 1 / (SELECT count(*) - 1 FROM t)
                  expect: 1
            """);
        Cli.Result r = Cli.on(db, "apply", pb.toString(), "--yes");
        assertNotEquals(0, r.exit(), kind + ": " + r);
        assertTrue(r.toString().contains("ledger refuses doomed"), kind + ": " + r);
        assertEquals(0, count(db, "SELECT count(*) FROM t WHERE id = 2"), kind + ": the next step did not run");
        if (kind == ScratchDb.Kind.POSTGRES) { // on MariaDB the statement commits on its own, before its rows
          assertEquals(0, count(db, "SELECT count(*) FROM t"), "the step's row did not commit");
        }
        assertEquals(0, count(db, "SELECT count(*) FROM " + (kind == ScratchDb.Kind.POSTGRES ? "backstep.event"
            : "backstep_event") + " WHERE step_id = 'doomed' AND event_type = 'STEP_APPLIED'"), kind.toString());
      }
    }
  }
}
