package backstep.drill;

import backstep.db.Database;
import backstep.ledger.DrillAttempts;
import backstep.ledger.EventType;
import backstep.ledger.Ledger;
import backstep.ledger.TargetLock;
import backstep.playbook.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a drill attempt in the target's ledger once it is over: its faults, alerts and decisions as hash-chained
 * events of the run it applied (stamped with the time they happened, appended after the run's own events), then
 * the {@code drill_attempt} row with the scores and the debrief. Takes the run lock for it, like the engine.
 */
final class DrillRecorder {
  private DrillRecorder() {}

  static void record(Database db, Drill drill, DrillResult r) throws SQLException {
    try (Connection lock = db.connection()) {
      boolean held = false;
      for (int i = 0; i < 50 && !held; i++) {
        held = TargetLock.tryAcquire(lock, db.dialect());
        if (!held) {
          sleep();
        }
      }
      if (!held) {
        throw new SQLException("the target's run lock stayed busy; the attempt was not recorded");
      }
      Ledger ledger = new Ledger(db);
      try (Connection central = ledger.colocated() ? null : ledger.connection()) {
        Connection c = central == null ? lock : central;
        ledger.ensureSchema(c);
        ledger.loadHead(c);
        for (TimelineEvent e : r.timeline()) {
          EventType type = switch (e.kind()) {
            case FAULT -> EventType.FAULT_INJECTED;
            case FAULT_UNDONE -> EventType.FAULT_UNDONE;
            case ALERT -> EventType.DRILL_ALERT;
            case DECISION -> EventType.DRILL_DECISION;
            default -> null;
          };
          if (type != null && r.runId() != null) {
            ledger.append(c, r.runId(), type, null, e.source(), Json.compact(Map.of("drill", drill.id(), "attempt",
                r.attemptId(), "text", e.text())), e.at());
          }
        }
        Map<String, Object> scored = new LinkedHashMap<>();
        scored.put("drill", drill.id());
        scored.put("attempt", r.attemptId());
        scored.put("passed", r.passed());
        scored.put("automatic", r.automatic());
        if (r.runId() != null) {
          ledger.append(c, r.runId(), EventType.DRILL_SCORED, null, r.automatic() ? AutoOperator.NAME : null,
              Json.compact(scored), r.endedAt());
        }
        Map<String, Object> debrief = new LinkedHashMap<>();
        debrief.put("questions", r.debrief());
        debrief.put("timeline", r.timeline());
        debrief.put("workload", r.workload());
        debrief.put("lost_writes", r.lostWrites());
        new DrillAttempts(db).insert(c, new DrillAttempts.Attempt(r.attemptId(), db.spec().name(), drill.id(),
            drill.sha256(), r.changeId(), r.runId(), r.startedAt(), r.endedAt(), r.automatic(), r.passed(),
            Json.compact(r.score()), Json.compact(debrief)));
      } finally {
        TargetLock.release(lock, db.dialect());
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
