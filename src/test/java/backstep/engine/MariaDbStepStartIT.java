package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import backstep.testing.StatementLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB runs every step statement by statement, with its ledger rows on the control connection: a step's "before"
 * fingerprint is stored in the same statement (and transaction) as the step's start, not in a statement and a
 * commit of its own (one statement a step, with fingerprints on). What it proves is unchanged: every step's "before"
 * is in the ledger under its SHA-256 before the step's first statement goes, and a rollback in another process
 * proves against it, naming what a rollback left behind.
 */
class MariaDbStepStartIT {
  @TempDir
  Path dir;

  @Test
  void aStepsBeforeIsStoredWithItsStartAndStillProvesItsRollback() throws Exception {
    Path pb = dir.resolve("notes.yaml");
    Files.writeString(pb, """
        id: notes
        title: Notes on accounts
        intent: keep a note on each account
        steps:
          - id: create
            kind: sql
            title: the accounts table
            forward: "CREATE TABLE accounts (id INT PRIMARY KEY)"
            rollback: "DROP TABLE accounts"
          - id: note
            kind: sql
            title: a note column
            forward: "ALTER TABLE accounts ADD COLUMN note VARCHAR(20)"
            rollback: "ALTER TABLE accounts MODIFY note VARCHAR(30)"
          - id: index
            kind: sql
            title: an index on it
            forward: "CREATE INDEX accounts_note ON accounts (note)"
            rollback: "DROP INDEX accounts_note ON accounts"
        """);
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      StatementLog.take();
      Cli.Result apply = Cli.run(args(db, "apply", pb.toString(), "--yes"));
      assertEquals(0, apply.exit(), apply.toString());
      List<String> stores = StatementLog.take().stream()
          .filter(s -> s.toLowerCase(Locale.ROOT).startsWith("insert into backstep_fingerprint")).toList();
      assertEquals(1, stores.size(), "only the run's own fingerprint is stored on its own (was 1 + one a step)");
      assertEquals(List.of("create=step:create", "index=step:index", "note=step:note"), storedBefores(db),
          "every step's \"before\" is stored under the SHA-256 its step row names");

      Cli.Result back = Cli.run(args(db, "rollback", pb.toString(), "--to", "create", "--yes"));
      assertEquals(1, back.exit(), back.toString());
      assertTrue(back.toString().contains("rolled back WITH DIFFERENCES from the fingerprints taken before the steps"
          + " undone (from step 'note'): column accounts.note: unexpected"), back.toString());
    }
  }

  private static String[] args(ScratchDb db, String... command) {
    List<String> a = new ArrayList<>(List.of(command));
    a.addAll(List.of("--url", db.url() + StatementLog.URL_SUFFIX, "--user", db.user(), "--environment", "sandbox",
        "--name", db.name()));
    return a.toArray(String[]::new);
  }

  /** step id = label of the stored fingerprint whose SHA-256 the step's row names (joined in the database). */
  private static List<String> storedBefores(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT s.step_id, f.label FROM backstep_step_exec s JOIN backstep_fingerprint f ON f.run_id = s.run_id"
            + " AND f.label LIKE 'step:%' AND f.sha256 = JSON_VALUE(s.detail, '$.fingerprint_sha256')"
            + " AND f.sha256 = sha2(f.body, 256)"
            + " ORDER BY s.step_id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "=" + rs.getString(2));
      }
    }
    return out;
  }
}
