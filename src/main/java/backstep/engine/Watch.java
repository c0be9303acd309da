package backstep.engine;

import backstep.db.Database;
import backstep.guard.GuardMonitor;
import backstep.playbook.Monitoring;
import backstep.playbook.Playbook;
import backstep.telemetry.Telemetry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Telemetry and guards for one run, when the playbook asks for them (a canary or guard rules) or the caller wants
 * the samples ({@link RunOptions#sampled()}, for the metrics endpoint). Samples on its own connection; hands every
 * reading to the run's listener; measures the baseline before the first step; closes with the run.
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

  static Watch start(Database db, Playbook pb, Clock clock, RunListener l, boolean sampled) throws SQLException {
    Monitoring m = pb.monitoring().withDefaultsFor(db.spec().environment().key());
    if (!m.active() && !sampled) {
      return new Watch(null, m, pb, l, clock);
    }
    if (pb.monitoring().guards().isEmpty() && !m.guards().isEmpty()) {
      l.note("default guards for " + db.spec().environment().key() + " targets: " + String.join("; ",
          m.guards().stream().map(backstep.playbook.GuardRule::describe).toList()));
    }
    return new Watch(sampler(db, m, clock, l), m, pb, l, clock);
  }

  /** A rollback's sampler: telemetry only (guards watch forward runs), and only when {@code sampled}. */
  static Watch samplesOnly(Database db, Playbook pb, Clock clock, RunListener l, boolean sampled)
      throws SQLException {
    Monitoring p = pb.monitoring();
    Monitoring m = new Monitoring(p.interval(), p.baseline(), p.canary(), List.of());
    return new Watch(sampled ? sampler(db, m, clock, l) : null, m, pb, l, clock);
  }

  /** Samples the target (with the playbook's canary, if any) and hands every reading to the run's listener. */
  private static Telemetry sampler(Database db, Monitoring m, Clock clock, RunListener l) throws SQLException {
    Telemetry t = Telemetry.start(db, clock, m.interval(), GuardSoak.canary(db, m));
    t.addListener(l::sampled);
    return t;
  }

  /** Waits for the baseline period, measures baselines, and hands the guards to the session. */
  void arm(RunSession s, Sleeper sleeper) {
    arm(s, sleeper, null);
  }

  /**
   * As {@link #arm(RunSession, Sleeper)}; within a history walk ({@code walk} not null) the baselines are measured
   * once, before the walk's first migration that has guards, and later migrations with the same guards are watched
   * against them at once: the walk is one change, and "before the change" is before its first migration (a 2 s
   * baseline per migration made a 25-migration walk on a staging target wait 50 s).
   */
  void arm(RunSession s, Sleeper sleeper, HeldLock walk) {
    if (telemetry == null || monitoring.guards().isEmpty()) {
      return;
    }
    // the engine's clock, as the telemetry's: guard windows and event times follow the same time (issue 14)
    monitor = new GuardMonitor(monitoring.guards(), telemetry, clock, listener::guardEvent, s.guards()::fired);
    java.util.Optional<HeldLock.Baselines> earlier = walk == null ? java.util.Optional.empty()
        : walk.baselines(monitoring.guards());
    if (earlier.isPresent()) {
      s.note("guards armed with the baselines measured before " + earlier.get().before() + " (one measurement "
          + "for the whole history walk; " + monitoring.guards().size() + " guard(s))");
      monitor.armWith(earlier.get().values());
    } else {
      s.note("measuring the baseline for " + monitoring.baseline().toMillis() + " ms before the first step ("
          + monitoring.guards().size() + " guard(s) armed)");
      try {
        sleeper.sleep(monitoring.baseline());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      monitor.arm(monitoring.baseline());
      if (walk != null) {
        walk.keepBaselines(monitoring.guards(),
            new HeldLock.Baselines("migration '" + playbook.id() + "'", monitor.baselines()));
      }
    }
    s.guards().watch(monitor, monitoring.interval());
    listener.guardsArmed(monitoring.guards());
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
