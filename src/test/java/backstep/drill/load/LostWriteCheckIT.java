package backstep.drill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.drill.WorkloadSpec;
import backstep.testing.ScratchDb;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lost-write check finds exactly the committed writes that are gone: rows deleted and values overwritten
 * behind the workload's back (as an older snapshot restored over live data would do), and every value of a column
 * a rollback dropped. With nothing tampered it finds none.
 */
class LostWriteCheckIT {
  private static final WorkloadSpec SPEC = new WorkloadSpec(3, 300, 20, 40, 40, "t", "id", "v",
      Map.of("note", "'load'"), "t", "id", 1000, Duration.ZERO);

  private static Workload runLoad(Database db) throws Exception {
    Workload w = new Workload(db, SPEC, Clock.systemUTC());
    w.start();
    try {
      // until the load has written enough to tamper with (a loaded machine is slower; no fixed sleep)
      org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
          () -> w.journal().keys() > 60 && w.journal().updates() > 15);
    } finally {
      w.stop();
    }
    return w;
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void reportsExactlyTheWritesLostBehindTheWorkloadsBack(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      scratch.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, note VARCHAR(20))");
      Workload w = runLoad(db);
      Journal j = w.journal();
      assertTrue(j.keys() > 50 && j.updates() > 10, "the load wrote: " + w.summary());
      LostWrites clean = LostWriteCheck.run(db, "t", "id", "v", j);
      assertEquals(0, clean.lost(), clean::toString);
      assertEquals(j.keys(), clean.checked());

      List<Long> keys = new ArrayList<>(j.snapshot().keySet());
      keys.sort(null);
      List<Long> deleted = keys.subList(0, 4);
      List<Long> overwritten = keys.subList(10, 13);
      String in = deleted.stream().map(String::valueOf).collect(Collectors.joining(", "));
      scratch.exec("DELETE FROM t WHERE id IN (" + in + ")");
      for (Long k : overwritten) {
        scratch.exec("UPDATE t SET v = v + 1 WHERE id = " + k);
      }
      LostWrites lost = LostWriteCheck.run(db, "t", "id", "v", j);
      assertEquals(7, lost.lost(), lost::toString);
      Set<Long> expected = new HashSet<>(deleted);
      expected.addAll(overwritten);
      assertEquals(expected, lost.examples().stream().map(LostWrites.Example::key).collect(Collectors.toSet()));
      for (LostWrites.Example e : lost.examples()) {
        assertEquals(j.snapshot().get(e.key()).value(), e.expected());
        if (deleted.contains(e.key())) {
          assertNull(e.found(), e.describe());
        } else {
          assertEquals(e.expected() + 1, e.found(), e.describe());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aDroppedColumnLosesEveryValueWrittenIntoIt(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      scratch.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT NOT NULL, note VARCHAR(20))");
      Workload w = runLoad(db);
      scratch.exec("ALTER TABLE t DROP COLUMN v");
      LostWrites lost = LostWriteCheck.run(db, "t", "id", "v", w.journal());
      assertNotNull(lost.problem());
      assertEquals(w.journal().keys(), lost.lost());
      assertTrue(lost.lost() > 0);
    }
  }
}
