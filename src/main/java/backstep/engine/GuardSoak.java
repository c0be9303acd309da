package backstep.engine;

import backstep.db.Database;
import backstep.guard.GuardEvent;
import backstep.guard.GuardMonitor;
import backstep.playbook.GuardRule;
import backstep.playbook.Monitoring;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.telemetry.Metric;
import backstep.telemetry.Telemetry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * An observe step outside a run: the playbook's guards (or the target's environment defaults) watch a target for a
 * while after a change, against baselines measured before it. A fleet soaks its canary members with it between the
 * canary and the first wave. Samples on its own connection, as a run's guards do, and changes nothing.
 */
public final class GuardSoak {
  /** How a soak ended. */
  public enum Verdict {
    /** The duration passed with enough samples and no guard asked to stop. */
    PASSED,
    /** A sustained breach whose action is rollback. */
    ROLLBACK,
    /** A sustained breach whose action is pause: a person decides. */
    PAUSE,
    /** Too few samples by twice the duration: the guards cannot vouch for the change. */
    TOO_FEW_SAMPLES,
    /** Stopped from outside (the fleet turned around meanwhile). */
    STOPPED
  }

  /** A soak's outcome: the verdict, the breach that decided it, one line per guard, and the samples seen. */
  public record Result(Verdict verdict, String breach, List<String> guards, int samples, int needed,
      long observedMs) {
    public String words() {
      return switch (verdict) {
        case PASSED -> "passed: " + samples + " sample(s) in " + observedMs + " ms, no guard fired";
        case ROLLBACK -> "guard fired (rollback): " + breach;
        case PAUSE -> "guard fired (pause): " + breach;
        case TOO_FEW_SAMPLES -> "saw " + samples + " sample(s) of every guarded metric in " + observedMs
            + " ms, needs " + needed + ": the guards cannot vouch for it";
        case STOPPED -> "stopped after " + observedMs + " ms";
      };
    }
  }

  private static final Duration TICK = Duration.ofSeconds(1);

  private GuardSoak() {}

  /** The guards that watch {@code pb} on {@code db}: its own, else its environment's defaults (none on a sandbox). */
  public static Monitoring monitoring(Playbook pb, Database db) {
    return pb.monitoring().withDefaultsFor(db.spec().environment().key());
  }

  /**
   * Measures each guard's baseline on {@code db} over the monitoring's baseline period (sampling for that long),
   * one value per rule of {@link #monitoring}, NaN where a rule had no samples.
   */
  public static List<Double> baselines(Database db, Playbook pb, Clock clock, Sleeper sleeper) throws SQLException {
    Monitoring m = monitoring(pb, db);
    try (Telemetry t = Telemetry.start(db, clock, m.interval(), canary(db, m))) {
      sleep(sleeper, m.baseline());
      List<Double> out = new ArrayList<>();
      for (GuardRule r : m.guards()) {
        out.add(GuardMonitor.baseline(r, t.series(Metric.fromKey(r.metric()).orElseThrow(), m.baseline())));
      }
      return out;
    }
  }

  /**
   * Soaks {@code db} for {@code duration} under the guards, armed with {@code baselines}; {@code minSamples}
   * as an observe step's (0: half the duration's worth). {@code stop} is asked every tick; {@code tick} hears one
   * line per guard each tick.
   */
  public static Result soak(Database db, Playbook pb, List<Double> baselines, Duration duration, int minSamples,
      Clock clock, Sleeper sleeper, BooleanSupplier stop, java.util.function.Consumer<List<String>> tick)
      throws SQLException {
    Monitoring m = monitoring(pb, db);
    int needed = minSamples > 0 ? minSamples
        : (int) Math.max(1, duration.toMillis() / Math.max(1, m.interval().toMillis()) / 2);
    try (Telemetry t = Telemetry.start(db, clock, m.interval(), canary(db, m));
        GuardMonitor g = new GuardMonitor(m.guards(), t, clock, e -> { }, e -> { })) {
      g.armWith(baselines);
      Instant from = clock.instant();
      Instant end = from.plus(duration);
      Instant giveUp = end.plus(duration);
      while (true) {
        Optional<GuardEvent> fired = g.fired();
        Instant now = clock.instant();
        int samples = g.samplesSince(from);
        long ms = Duration.between(from, now).toMillis();
        List<String> lines = ObserveRunner.lines(g.summary(from));
        if (fired.isPresent()) {
          boolean rollback = fired.get().rule().action() == GuardRule.Action.ROLLBACK;
          return new Result(rollback ? Verdict.ROLLBACK : Verdict.PAUSE, fired.get().describe(), lines, samples,
              needed, ms);
        }
        if (!now.isBefore(end) && samples >= needed) {
          return new Result(Verdict.PASSED, null, lines, samples, needed, ms);
        }
        if (!now.isBefore(giveUp)) {
          return new Result(Verdict.TOO_FEW_SAMPLES, null, lines, samples, needed, ms);
        }
        if (stop.getAsBoolean()) {
          return new Result(Verdict.STOPPED, null, lines, samples, needed, ms);
        }
        tick.accept(lines);
        Duration left = now.isBefore(end) ? Duration.between(now, end) : m.interval();
        sleep(sleeper, left.compareTo(TICK) <= 0 ? left : TICK);
      }
    }
  }

  /** The playbook's canary query for {@code db}'s dialect and schema, or null. */
  static String canary(Database db, Monitoring m) {
    return m.canary() == null ? null : m.canary().statements(db.dialect().family()).stream().findFirst()
        .map(st -> st.sql().replace(SqlStep.SCHEMA_PLACEHOLDER, db.schema())).orElse(null);
  }

  private static void sleep(Sleeper sleeper, Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
