package backstep.cli;

import backstep.cli.CrashMoments.Moment;
import backstep.cli.CrashMoments.Reach;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moments of {@link CrashAtAnyMomentIT} that the test reaches by holding a lock the statement waits on: a kill -9
 * during a CREATE INDEX CONCURRENTLY the server goes on building, and during MariaDB DDL waiting for a metadata lock.
 * {@code status} must say the statement is still running. Alone (in {@code its.timed}): run beside other JVMs at
 * load 32-38 the child missed the 60 s to reach the lock and MariaDB's status no longer said "still running"
 * (docs/performance.md, "The test suite's time", session 10).
 */
class CrashWhileBlockedIT {
  @TempDir
  Path dir;

  @Test
  void postgresql() throws Exception {
    CrashMoments.run(dir, ScratchDb.Kind.POSTGRES, List.of(
        new Moment("during CREATE INDEX CONCURRENTLY, which the server finishes", "apply", Reach.BLOCKED_STATEMENT,
            null, List.of("index-note", "still running"), false)));
  }

  @Test
  void mariadb() throws Exception {
    CrashMoments.run(dir, ScratchDb.Kind.MARIADB, List.of(
        new Moment("during MariaDB DDL waiting for a lock", "apply", Reach.BLOCKED_STATEMENT, null,
            List.of("add-note", "still running"), false)));
  }
}
