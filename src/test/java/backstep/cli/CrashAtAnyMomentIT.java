package backstep.cli;

import backstep.cli.CrashMoments.Moment;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 14 item 8): a kill -9 at any moment of an apply or a rollback — inside a one-transaction step,
 * between a statement's commit and its ledger row, during a batched backfill, during a CREATE INDEX CONCURRENTLY
 * the server goes on building, during MariaDB DDL, during a ledger write — leaves a state that {@code status}
 * explains (exit 3), that {@code rollback} returns to exactly the starting schema and data, after which
 * {@code apply} succeeds, with the hash chain intact. Each moment is reached with the engine's test-only hook
 * {@code BACKSTEP_TEST_PAUSE_AT} (or, for a statement the server is still running, by holding a lock it waits on),
 * and the real CLI is killed with SIGKILL in a child JVM. One scratch database and one playbook per family.
 * This class holds the moments reached by the pause hook, which wait on no clock and run in the shared lane; the
 * two statements held on a lock are {@link CrashWhileBlockedIT}'s (alone: beside other JVMs their waits missed their
 * deadlines). Both run {@link CrashMoments}.
 */
class CrashAtAnyMomentIT {
  @TempDir
  Path dir;

  @Test
  void postgresql() throws Exception {
    CrashMoments.run(dir, ScratchDb.Kind.POSTGRES, List.of(
        Moment.apply("run-started", "interrupted", "no step is applied"),
        Moment.apply("run-started", "interrupted", "no step is applied").thenResume(),
        Moment.apply("fingerprint-stored", "interrupted"),
        Moment.apply("step-transaction:add-note", "rolled back by the server"),
        Moment.apply("batch-committed:backfill-note#3", "4000 rows had committed in 2 batch").thenResume(),
        Moment.apply("statement-sent:index-note", "index-note", "no effect"),
        Moment.apply("statement-committed:index-note", "index-note", "took effect", "orders_note_idx").thenResume(),
        Moment.apply("step-row-written:index-note", "index-note"),
        Moment.rollback("statement-committed:index-note", "index-note", "took effect"),
        Moment.rollback("batch-committed:backfill-note#2", "backfill-note", "rolling back"),
        Moment.rollback("step-transaction:add-note", "rolling back")));
  }

  @Test
  void mariadb() throws Exception {
    CrashMoments.run(dir, ScratchDb.Kind.MARIADB, List.of(
        Moment.apply("run-started", "interrupted", "no step is applied"),
        Moment.apply("run-started", "interrupted", "no step is applied").thenResume(),
        Moment.apply("statement-committed:add-note", "add-note", "took effect", "note"),
        Moment.apply("batch-committed:backfill-note#4", "6000 rows had committed in 3 batch"),
        Moment.apply("statement-committed:note-required#2", "note-required", "took effect", "order_note_audit")
            .thenResume(),
        Moment.rollback("statement-committed:note-required", "note-required", "took effect"),
        Moment.rollback("statement-sent:add-note", "add-note", "no effect")));
  }
}
