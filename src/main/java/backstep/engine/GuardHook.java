package backstep.engine;

import backstep.db.Dialect;
import backstep.guard.GuardEvent;
import backstep.guard.GuardMonitor;
import backstep.ledger.EventType;
import backstep.playbook.GuardRule;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's guards as the engine sees them: cancels the running statement when a sustained breach asks to roll back,
 * throttles batched work while a rule is in breach, and writes the guards' evidence to the ledger between
 * transactions. Inactive (every method a no-op) when the playbook declares no guards.
 */
final class GuardHook {
  private final RunSession s;
  private GuardMonitor monitor;
  private Duration interval = Duration.ofSeconds(1);

  GuardHook(RunSession s) {
    this.s = s;
  }

  /** Watches the run with {@code m}, sampled every {@code interval}. */
  void watch(GuardMonitor m, Duration sampleInterval) {
    this.monitor = m;
    this.interval = sampleInterval;
  }

  /** Called on the sampler thread when a guard's sustained breach asks to pause or roll back. */
  void fired(GuardEvent e) {
    if (e.rule().action() == GuardRule.Action.ROLLBACK) {
      s.sql().cancelCurrent();
    }
  }

  /** Why a guard wants the run stopped now, or null. */
  String stopReason() {
    return action().filter(e -> e.rule().action() == GuardRule.Action.ROLLBACK).map(GuardEvent::describe)
        .orElse(null);
  }

  /** The sustained breach that asked to stop the run, if any. */
  Optional<GuardEvent> action() {
    return monitor == null ? Optional.empty() : monitor.fired();
  }

  /** Whether guards watch this run (a playbook with guard rules, armed). */
  boolean watching() {
    return monitor != null;
  }

  Duration interval() {
    return interval;
  }

  /** Each rule's samples since {@code from}; empty when nothing watches. */
  List<GuardMonitor.RuleSummary> summary(Instant from) {
    return monitor == null ? List.of() : monitor.summary(from);
  }

  int samplesSince(Instant from) {
    return monitor == null ? 0 : monitor.samplesSince(from);
  }

  /** A person went on despite the pausing breach {@code e}. */
  void acknowledge(GuardEvent e) {
    if (monitor != null) {
      monitor.acknowledge(e);
    }
  }

  boolean underPressure() {
    return monitor != null && monitor.underPressure();
  }

  /** Batched work yields one sampling interval while a guard is in breach, as gh-ost throttles on load. */
  void throttle(StepExec e, int batch) throws StepFailure {
    s.progress(e, null, Map.of("throttled_before_batch", batch));
    s.listener().note("guard under pressure: throttling step '" + e.step.id() + "' before batch " + batch);
    try {
      s.sleeper().sleep(interval);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new StepFailure("interrupted while throttling", false);
    }
    try {
      flush();
    } catch (SQLException ex) {
      throw new StepFailure("cannot write the ledger: " + RunSession.dbMessage(ex), Dialect.isConnectionLost(ex));
    }
  }

  /** Writes the guards' events to the ledger. Only between transactions of the work connection. */
  void flush() throws SQLException {
    if (monitor == null) {
      return;
    }
    for (GuardEvent g : monitor.drain()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("kind", g.kind().name());
      d.put("rule", g.rule().describe());
      d.put("metric", g.rule().metric());
      d.put("aggregate", g.rule().aggregate());
      d.put("value", round(g.value()));
      d.put("threshold", round(g.threshold()));
      d.put("baseline", Double.isNaN(g.baseline()) ? null : round(g.baseline()));
      d.put("window_ms", g.rule().window().toMillis());
      if (!g.verdict().isEmpty()) {
        d.put("verdict", g.verdict());
      }
      d.put("lasted_ms", g.lasted().toMillis());
      d.put("values", g.values().stream().map(GuardHook::round).toList());
      d.put("action", g.rule().action().name());
      d.put("at", g.at().toString());
      boolean acts = g.kind() == GuardEvent.Kind.SUSTAINED && g.rule().action() != GuardRule.Action.ALERT;
      s.event(s.control(), acts ? EventType.GUARD_ACTION : EventType.GUARD, null, "guard", d);
      if (g.kind() == GuardEvent.Kind.SUSTAINED) {
        s.recordNote(g.describe());
      }
    }
  }

  static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
  }
}
