package backstep.engine;

import backstep.db.Database;
import backstep.guard.GuardMonitor;
import backstep.playbook.Monitoring;
import backstep.playbook.Playbook;
import backstep.telemetry.Telemetry;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Telemetry and guards for one run, when the playbook asks for them (a canary or guard rules). Samples on its own
 * connection; measures the baseline before the first step; closes with the run.
 */
final class Watch implements AutoCloseable {
  private final Telemetry telemetry;
  private final Monitoring monitoring;
  private final Playbook playbook;
  private final RunListener listener;
  private final Clock clock;
  private GuardMonitor monitor;

  private Watch(Telemetry telemetry, Monitoring monitoring, Playbook playbook, RunListener listener, Clock clock) {
    this.clock = clock;
    this.telemetry = telemetry;
    this.monitoring = monitoring;
    this.playbook = playbook;
    this.listener = listener;
  }

  static Watch start(Database db, Playbook pb, Clock clock, RunListener l) throws SQLException {
    Monitoring m = pb.monitoring().withDefaultsFor(db.spec().environment().key());
    if (!m.active()) {
      return new Watch(null, m, pb, l, clock);
    }
    String canary = m.canary() == null ? null : m.canary().statements(db.dialect().family()).stream()
        .findFirst().map(st -> st.sql().replace(backstep.playbook.SqlStep.SCHEMA_PLACEHOLDER, db.schema()))
        .orElse(null);
    if (pb.monitoring().guards().isEmpty() && !m.guards().isEmpty()) {
      l.note("default guards for " + db.spec().environment().key() + " targets: " + String.join("; ",
          m.guards().stream().map(backstep.playbook.GuardRule::describe).toList()));
    }
    return new Watch(Telemetry.start(db, clock, m.interval(), canary), m, pb, l, clock);
  }

  /** Waits for the baseline period, measures baselines, and hands the guards to the session. */
  void arm(RunSession s, Sleeper sleeper) {
    if (telemetry == null || monitoring.guards().isEmpty()) {
      return;
    }
    s.note("measuring the baseline for " + monitoring.baseline().toMillis() + " ms before the first step ("
        + monitoring.guards().size() + " guard(s) armed)");
    try {
      sleeper.sleep(monitoring.baseline());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the engine's clock, as the telemetry's: guard windows and event times follow the same time (issue 14)
    monitor = new GuardMonitor(monitoring.guards(), telemetry, clock, listener::guardEvent, s.guards()::fired);
    monitor.arm(monitoring.baseline());
    s.guards().watch(monitor, monitoring.interval());
  }

  Telemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
    if (telemetry != null) {
      telemetry.close();
    }
  }
}
