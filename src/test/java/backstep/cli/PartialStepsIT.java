package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression: a batched backfill that fails after some batches committed used to be recorded as "nothing
 * applied", so rollback skipped it and the changed rows stayed. Committed batches are part of the step's effect.
 */
class PartialStepsIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aBackfillStoppedByItsRowLimitAfterSomeBatchesIsUndoneByRollback(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("limited.yaml");
    Files.writeString(pb, """
        id: limited-backfill
        title: Backfill that hits its row limit
        intent: regression test — the batches that committed before the failure must be undone
        steps:
          - id: upper-status
            kind: sql
            title: Upper-case every order status, in batches
            forward:
              postgresql: |
                UPDATE orders SET status = upper(status)
                WHERE id IN (SELECT id FROM orders WHERE status <> upper(status) ORDER BY id LIMIT ${batch_size})
              mysql: |
                UPDATE orders SET status = UPPER(status) WHERE BINARY status <> BINARY UPPER(status)
                ORDER BY id LIMIT ${batch_size}
            rollback:
              postgresql: |
                UPDATE orders SET status = lower(status)
                WHERE id IN (SELECT id FROM orders WHERE status <> lower(status) ORDER BY id LIMIT ${batch_size})
              mysql: |
                UPDATE orders SET status = LOWER(status) WHERE BINARY status <> BINARY LOWER(status)
                ORDER BY id LIMIT ${batch_size}
            verify:
              - sql:
                  postgresql: SELECT count(*) FROM orders WHERE status <> upper(status)
                  mysql: SELECT count(*) FROM orders WHERE BINARY status <> BINARY UPPER(status)
                expect: 0
            verify_rollback:
              - sql:
                  postgresql: SELECT count(*) FROM orders WHERE status <> lower(status)
                  mysql: SELECT count(*) FROM orders WHERE BINARY status <> BINARY LOWER(status)
                expect: 0
            guards: {batch_size: 5000, max_affected_rows: 12000}
        """);
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      List<String> before = db.dump();
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(1, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("max_affected_rows"), apply::toString);
      Cli.Result status = Cli.on(db, "status");
      assertEquals(3, status.exit(), status::toString);
      assertTrue(status.out().contains("FAILED"), status::toString);
      Cli.Result back = Cli.on(db, "rollback", "--yes");
      assertEquals(0, back.exit(), back::toString);
      assertEquals(before, db.dump(), "the committed batches were undone and the column dropped");
    }
  }

  static List<ScratchDb.Kind> kinds() {
    return List.of(ScratchDb.Kind.values());
  }
}
