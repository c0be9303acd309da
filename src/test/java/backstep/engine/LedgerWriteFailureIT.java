package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (hardening issue, item 6): a ledger write that fails threw jOOQ's unchecked DataAccessException past every
 * {@code catch (SQLException)} of the engine, so the command ended as an internal error (exit 70) with the run left
 * RUNNING. On PostgreSQL a step that drops the step table makes its own ledger write fail inside its transaction.
 */
class LedgerWriteFailureIT {
  @TempDir
  Path dir;

  @Test
  void aFailedLedgerWriteFailsTheStepWithExit1AndTheLedgerSaysSo() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path pb = dir.resolve("hostile.yaml");
      Files.writeString(pb, """
          id: hostile
          title: A step whose own ledger write fails
          intent: regression test for ledger write failures
          dialects: [postgresql]
          steps:
            - id: break-ledger
              kind: sql
              title: Drop the ledger's step table inside the step
              forward: |
                CREATE TABLE notes (id INT PRIMARY KEY);
                DROP TABLE backstep.step_exec;
              rollback: DROP TABLE notes
          """);
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(1, apply.exit(), apply.toString());
      assertTrue(apply.out().contains("ABORTED"), apply.out());
      Cli.Result status = Cli.on(db, "status");
      assertTrue(status.out().contains("failed before anything was applied"), status.toString());
    }
  }
}
