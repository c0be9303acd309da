package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 8): when applies start at the same moment on a fresh database, the refused ones
 * said only "busy: another Backstep process holds its run lock" — the holder had the lock but had not yet created the
 * ledger or recorded its run. Each refusal must name the holder: its run, operator and since when.
 */
class SimultaneousAppliesIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void theRefusedAppliesNameTheRunThatHoldsTheLock(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("slow.yaml");
    Files.writeString(pb, """
        id: slow-together
        title: Slow
        intent: hold the run lock a while
        steps:
          - id: wait
            kind: sql
            title: Wait
            forward: %s
            rollback: SELECT 1
        """.formatted(kind == ScratchDb.Kind.POSTGRES ? "SELECT pg_sleep(3)" : "DO SLEEP(3)"));
    int n = 3;
    try (ScratchDb db = ScratchDb.create(kind)) {
      CyclicBarrier together = new CyclicBarrier(n);
      ExecutorService pool = Executors.newFixedThreadPool(n);
      List<Future<Cli.Result>> runs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String operator = "op" + i;
        runs.add(pool.submit(() -> {
          together.await();
          return Cli.on(db, "apply", pb.toString(), "--yes", "--operator", operator);
        }));
      }
      List<Cli.Result> refused = new ArrayList<>();
      int applied = 0;
      for (Future<Cli.Result> f : runs) {
        Cli.Result r = f.get();
        if (r.exit() == 0) {
          applied++;
        } else {
          assertEquals(3, r.exit(), r::toString);
          refused.add(r);
        }
      }
      pool.shutdown();
      assertEquals(1, applied, "one apply holds the target, the others are refused");
      for (Cli.Result r : refused) {
        assertTrue(r.err().contains("is busy"), r::toString);
        assertTrue(r.err().matches("(?s).*run CHG-\\S+ of playbook 'slow-together' by op\\d .*"),
            "names the holder's run and operator: " + r);
        assertTrue(r.err().contains("started 20"), "and since when: " + r);
      }
    }
  }
}
