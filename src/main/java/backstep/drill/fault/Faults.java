package backstep.drill.fault;

import backstep.db.Database;
import backstep.drill.Drill.FaultSpec;
import java.util.function.LongSupplier;

/** Builds the injector for a fault of a drill. */
public final class Faults {
  private Faults() {}

  /** @param workSession the engine's step connection id, or -1 while not known yet */
  public static Fault create(FaultSpec spec, Database db, LongSupplier workSession) {
    String name = "backstep_drill_fault_" + (spec.index() + 1);
    return switch (spec.kind()) {
      case LOCK -> new LockFault(db, spec.param("table", null), spec.param("mode", "exclusive"));
      case KILL_CONNECTION -> new KillFault(db, workSession);
      case SLOW_QUERIES -> TriggerFault.slow(db, name, spec.param("table", null), spec.param("delay", "200ms"));
      case FAIL_STATEMENT -> TriggerFault.fail(db, name, spec.param("table", null), spec.param("on", "update"),
          spec.param("where", null), spec.param("message", "injected by a Backstep drill"));
      case CORRUPT_ROWS -> new CorruptRowsFault(db, spec.param("table", null), spec.param("column", null),
          spec.param("key", "id"), Integer.parseInt(spec.param("rows", "5")), spec.param("value", null));
      case EXHAUST_CONNECTIONS -> new ExhaustFault(db, Integer.parseInt(spec.param("count", "10")));
      case STALL_REPLICATION -> new StallReplicationFault(db, spec.param("replica", null));
    };
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        backstep.db.DebugLog.ignored(Faults.class, "best effort: the session ends with the connection", ignored);
        // best effort: the session ends with the connection
      }
    }
  }

  static String message(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
