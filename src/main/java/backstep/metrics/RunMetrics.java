package backstep.metrics;

import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.guard.GuardEvent;
import backstep.playbook.GuardRule;
import backstep.state.RunState;
import backstep.telemetry.Reading;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one command's runs look like to Prometheus: the telemetry samples of the target, every guard's state and last
 * evaluated value, the step in progress and its statements, and the run's state. A {@link RunListener}: the engine
 * calls it on its own thread and on the sampler's; every update is a non-blocking write to the registry, which the
 * endpoint reads when scraped. Names and labels: docs/metrics.md.
 */
public final class RunMetrics implements RunListener {
  /** A guard's state as a number, so an alert can say {@code backstep_guard_state >= 2}. */
  static final double GUARD_OK = 0;
  static final double GUARD_BREACH = 1;
  static final double GUARD_SUSTAINED = 2;

  /** The target of the run in progress or last run (the console runs on several, one at a time). */
  private volatile String target;
  private final Clock clock;
  private final TelemetryGauges telemetry;
  private final StateSet runState;
  private final Gauge runInfo;
  private final Gauge runStarted;
  private final Counter runsFinished;
  private final Gauge stepIndex;
  private final Gauge steps;
  private final Gauge statementsDone;
  private final Gauge statements;
  private final Counter stepsFinished;
  private final Gauge stepSeconds;
  private final Counter retries;
  private final Counter rows;
  private final Gauge gateWaiting;
  private final Gauge guardState;
  private final Gauge guardValue;
  private final Gauge guardThreshold;
  private final Counter guardEvents;
  private volatile String playbook = "";
  private volatile String gate;

  /**
   * Registers the run's metrics in {@code registry}; {@code target} labels every series until a run starts on
   * another target (the console's runs are labelled with the target each one runs on).
   */
  public RunMetrics(PrometheusRegistry registry, String target, Clock clock) {
    this.target = target;
    this.clock = clock;
    this.telemetry = new TelemetryGauges(registry, target);
    String[] states = java.util.Arrays.stream(RunState.values()).map(Enum::name).toArray(String[]::new);
    runState = StateSet.builder().name("backstep_run_state").help("The state of the run in progress or last run")
        .states(states).labelNames("target", "playbook").register(registry);
    runInfo = Gauge.builder().name("backstep_run_info").help("The run in progress or last run (always 1)")
        .labelNames("target", "playbook", "change_id", "direction").register(registry);
    runStarted = Gauge.builder().name("backstep_run_start_timestamp_seconds")
        .help("When the run in progress or last run started (Unix time)").labelNames("target", "playbook")
        .register(registry);
    runsFinished = Counter.builder().name("backstep_runs_finished_total")
        .help("Runs (forward or rollback) that ended, by the state they ended in").labelNames("target", "state")
        .register(registry);
    stepIndex = Gauge.builder().name("backstep_step")
        .help("The step in progress (1-based; the last one started once a run ends)")
        .labelNames("target", "playbook", "direction").register(registry);
    steps = Gauge.builder().name("backstep_steps").help("Steps in the playbook of the run")
        .labelNames("target", "playbook").register(registry);
    statementsDone = Gauge.builder().name("backstep_step_statements_done")
        .help("Statements of the step in progress that are done").labelNames("target", "step").register(registry);
    statements = Gauge.builder().name("backstep_step_statements")
        .help("Statements of the step in progress").labelNames("target", "step").register(registry);
    stepsFinished = Counter.builder().name("backstep_steps_finished_total")
        .help("Steps that ended, by their state").labelNames("target", "direction", "state").register(registry);
    stepSeconds = Gauge.builder().name("backstep_step_duration_seconds")
        .help("How long each finished step took").labelNames("target", "step", "direction").register(registry);
    retries = Counter.builder().name("backstep_step_retries_total")
        .help("Step attempts retried (lock timeouts, lost connections)").labelNames("target").register(registry);
    rows = Counter.builder().name("backstep_statement_rows_total")
        .help("Rows the run's statements reported as affected").labelNames("target").register(registry);
    gateWaiting = Gauge.builder().name("backstep_gate_waiting")
        .help("1 while a gate step waits for a person's decision").labelNames("target", "step", "approval")
        .register(registry);
    guardState = Gauge.builder().name("backstep_guard_state")
        .help("Each guard rule: 0 within its threshold, 1 in breach, 2 sustained breach (its action fired)")
        .labelNames("target", "guard", "metric", "action").register(registry);
    guardValue = Gauge.builder().name("backstep_guard_value")
        .help("The guard's aggregate at its last event, in the telemetry metric's own unit")
        .labelNames("target", "guard").register(registry);
    guardThreshold = Gauge.builder().name("backstep_guard_threshold")
        .help("The guard's threshold at its last event (a relative rule: times its baseline)")
        .labelNames("target", "guard").register(registry);
    guardEvents = Counter.builder().name("backstep_guard_events_total")
        .help("Guard events: breach, transient, sustained, recovered").labelNames("target", "guard", "kind")
        .register(registry);
  }

  @Override
  public void runStarted(String changeId, String playbookId, String targetName, Direction direction) {
    target = targetName;
    playbook = playbookId;
    runInfo.clear();
    runInfo.labelValues(target, playbookId, changeId, key(direction)).set(1);
    runStarted.labelValues(target, playbookId).set(clock.millis() / 1000.0);
    state(direction == Direction.FORWARD ? RunState.RUNNING : RunState.ROLLING_BACK);
  }

  @Override
  public void stepStarted(int index, int total, String stepId, String title, Direction direction) {
    stepIndex.clear();
    stepIndex.labelValues(target, playbook, key(direction)).set(index + 1);
    steps.labelValues(target, playbook).set(total);
    statementsDone.clear();
    statements.clear();
  }

  @Override
  public void statementDone(String stepId, int done, int total, long rowCount, Duration took) {
    statementsDone.labelValues(target, stepId).set(done);
    statements.labelValues(target, stepId).set(total);
    if (rowCount > 0) {
      rows.labelValues(target).inc(rowCount);
    }
  }

  @Override
  public void retrying(String stepId, int attempt, int maxAttempts, Duration wait, String reason) {
    retries.labelValues(target).inc();
  }

  @Override
  public void stepFinished(StepResult r, Direction direction) {
    if (r.id().equals(gate)) {
      gateWaiting.clear();
      gate = null;
    }
    stepsFinished.labelValues(target, key(direction), r.state().name()).inc();
    if (r.duration() != null) {
      stepSeconds.labelValues(target, r.id(), key(direction)).set(r.duration().toMillis() / 1000.0);
    }
  }

  @Override
  public void gateWaiting(String stepId, String prompt, boolean approval) {
    gateWaiting.clear();
    gate = stepId;
    gateWaiting.labelValues(target, stepId, Boolean.toString(approval)).set(1);
  }

  @Override
  public void sampled(Reading reading) {
    telemetry.record(target, reading);
  }

  @Override
  public void guardsArmed(List<GuardRule> rules) {
    guardState.clear();
    guardValue.clear();
    guardThreshold.clear();
    for (GuardRule r : rules) {
      guardState.labelValues(target, r.describe(), r.metric(), r.action().name().toLowerCase(Locale.ROOT))
          .set(GUARD_OK);
    }
  }

  @Override
  public void guardEvent(GuardEvent e) {
    String guard = e.rule().describe();
    double state = switch (e.kind()) {
      case BREACH -> GUARD_BREACH;
      case SUSTAINED -> GUARD_SUSTAINED;
      case TRANSIENT, RECOVERED -> GUARD_OK;
    };
    guardState.labelValues(target, guard, e.rule().metric(), e.rule().action().name().toLowerCase(Locale.ROOT))
        .set(state);
    guardValue.labelValues(target, guard).set(e.value());
    guardThreshold.labelValues(target, guard).set(e.threshold());
    guardEvents.labelValues(target, guard, e.kind().name().toLowerCase(Locale.ROOT)).inc();
  }

  @Override
  public void runFinished(RunResult r) {
    gateWaiting.clear();
    gate = null;
    state(r.state());
    runsFinished.labelValues(target, r.state().name()).inc();
  }

  private void state(RunState s) {
    for (RunState each : RunState.values()) {
      if (each == s) {
        runState.labelValues(target, playbook).setTrue(each.name());
      } else {
        runState.labelValues(target, playbook).setFalse(each.name());
      }
    }
  }

  private static String key(Direction d) {
    return d.name().toLowerCase(Locale.ROOT);
  }
}
