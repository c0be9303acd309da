package backstep.drill.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.drill.Drill;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The faults no sample drill uses, on both databases: slow writes (trigger), a failing statement, an exclusive
 * lock, exhausted connections — each does what it says while in place, and nothing of it is left after undo.
 */
class FaultsIT {
  private static Fault fault(Database db, Drill.FaultKind kind, Map<String, String> params) {
    return Faults.create(new Drill.FaultSpec(0, kind, new Drill.Timing(Duration.ZERO, null,
        Drill.Timing.When.BEFORE), null, params), db, () -> -1);
  }

  private static long millis(ScratchDb db, String sql) throws SQLException {
    long t0 = System.nanoTime();
    db.exec(sql);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void eachFaultActsWhileInPlaceAndLeavesNothingBehind(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      scratch.exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 1)");

      Fault slow = fault(db, Drill.FaultKind.SLOW_QUERIES, Map.of("table", "t", "delay", "300ms"));
      slow.inject();
      assertTrue(millis(scratch, "UPDATE t SET v = 2 WHERE id = 1") >= 280, "writes are slow while in place");
      slow.undo();
      assertTrue(millis(scratch, "UPDATE t SET v = 3 WHERE id = 1") < 250, "and fast again after undo");

      Fault fail = fault(db, Drill.FaultKind.FAIL_STATEMENT, Map.of("table", "t", "on", "insert", "where",
          "NEW.id > 10", "message", "no"));
      fail.inject();
      scratch.exec("INSERT INTO t VALUES (2, 0)");
      assertThrows(SQLException.class, () -> scratch.exec("INSERT INTO t VALUES (11, 0)"));
      fail.undo();
      scratch.exec("INSERT INTO t VALUES (11, 0)");

      Fault lock = fault(db, Drill.FaultKind.LOCK, Map.of("table", "t", "mode", "exclusive"));
      lock.inject();
      try (Connection c = scratch.connect(); Statement st = c.createStatement()) {
        st.execute(kind == ScratchDb.Kind.POSTGRES ? "SET lock_timeout = '300ms'"
            : "SET SESSION lock_wait_timeout = 1");
        assertThrows(SQLException.class, () -> st.executeQuery("SELECT * FROM t").close(),
            "an exclusive lock blocks readers");
        lock.undo();
        st.executeQuery("SELECT * FROM t").close();
      }

      Fault exhaust = fault(db, Drill.FaultKind.EXHAUST_CONNECTIONS, Map.of("count", "4"));
      assertTrue(exhaust.inject().contains("holding 4"));
      assertEquals("closed 4 held connections", exhaust.undo());
      try (Connection c = scratch.connect(); Statement st = c.createStatement(); var rs = st.executeQuery(
          kind == ScratchDb.Kind.POSTGRES ? "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'backstep_drill%'"
              : "SELECT count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_NAME LIKE 'backstep_drill%'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "no fault trigger left");
      }
    }
  }
}
