package backstep.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Direction;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.guard.GuardEvent;
import backstep.playbook.GuardRule;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a scrape shows for the engine's events, and that docs/metrics.md names every metric exposed. */
class RunMetricsTest {
  private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");
  private static final GuardRule RULE = new GuardRule("canary_ms", "p95", Duration.ofSeconds(5), 150, false,
      Duration.ofSeconds(5), GuardRule.Action.ROLLBACK, 12);
  private static final String GUARD = "guard=\"p95 canary_ms over 5.0 s above 150 → rollback\"";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final RunMetrics metrics = new RunMetrics(registry, "orders", Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void samplesAreInBaseUnitsAndUnavailableIsNaNNotZero() throws IOException {
    Map<Metric, Double> v = new EnumMap<>(Metric.class);
    v.put(Metric.PROBE_MS, 2.5);
    v.put(Metric.CANARY_MS, Double.NaN);
    v.put(Metric.COMMITS_PER_S, 40.0);
    v.put(Metric.LOCK_WAITERS, 3.0);
    metrics.sampled(new Reading(T0, v, List.of(), List.of(), null));
    metrics.sampled(new Reading(T0.plusSeconds(1), v, List.of(), List.of(), "canceling statement"));
    String page = scrape();
    assertTrue(page.contains("backstep_probe_seconds{target=\"orders\"} 0.0025\n"), page);
    assertTrue(page.contains("backstep_canary_seconds{target=\"orders\"} NaN\n"), page);
    assertTrue(page.contains("backstep_replication_lag_seconds{target=\"orders\"} NaN\n"), "not sampled: " + page);
    assertTrue(page.contains("backstep_commits_per_second{target=\"orders\"} 40.0\n"), page);
    assertTrue(page.contains("backstep_lock_waiters{target=\"orders\"} 3.0\n"), page);
    assertTrue(page.contains("backstep_telemetry_samples_total{target=\"orders\"} 2.0\n"), page);
    assertTrue(page.contains("backstep_telemetry_errors_total{target=\"orders\"} 1.0\n"), page);
  }

  @Test
  void aGuardGoesFromArmedToBreachToSustainedAndBack() throws IOException {
    metrics.guardsArmed(List.of(RULE));
    String armed = "backstep_guard_state{action=\"rollback\"," + GUARD + ",metric=\"canary_ms\",target=\"orders\"} ";
    assertTrue(scrape().contains(armed + "0.0\n"), scrape());
    metrics.guardEvent(event(GuardEvent.Kind.BREACH, 180));
    assertTrue(scrape().contains(armed + "1.0\n"), scrape());
    metrics.guardEvent(event(GuardEvent.Kind.SUSTAINED, 240));
    String page = scrape();
    assertTrue(page.contains(armed + "2.0\n"), page);
    assertTrue(page.contains("backstep_guard_value{" + GUARD + ",target=\"orders\"} 240.0\n"), page);
    assertTrue(page.contains("backstep_guard_threshold{" + GUARD + ",target=\"orders\"} 150.0\n"), page);
    assertTrue(page.contains("backstep_guard_events_total{" + GUARD + ",kind=\"sustained\",target=\"orders\"} 1.0"),
        page);
    metrics.guardEvent(event(GuardEvent.Kind.RECOVERED, 20));
    assertTrue(scrape().contains(armed + "0.0\n"), scrape());
  }

  @Test
  void stepsGatesAndTheRunStateFollowTheRun() throws IOException {
    metrics.runStarted("CHG-1", "add-note", "orders", Direction.FORWARD);
    metrics.stepStarted(0, 3, "approve", "Approve", Direction.FORWARD);
    metrics.gateWaiting("approve", "Go?", true);
    String run = "playbook=\"add-note\",target=\"orders\"";
    String page = scrape();
    assertTrue(page.contains("backstep_gate_waiting{approval=\"true\",step=\"approve\",target=\"orders\"} 1.0"),
        page);
    assertTrue(page.contains("backstep_run_state{" + run + ",backstep_run_state=\"RUNNING\"} 1"), page);
    assertEquals(1_796_540_400L, T0.getEpochSecond());
    assertTrue(page.contains("backstep_run_start_timestamp_seconds{" + run + "} 1.7965404E9\n"), page);
    metrics.stepFinished(step("approve", StepState.APPLIED), Direction.FORWARD);
    metrics.stepStarted(1, 3, "backfill", "Backfill", Direction.FORWARD);
    metrics.statementDone("backfill", 2, 5, 1000, Duration.ofMillis(30));
    page = scrape();
    assertTrue(!page.contains("backstep_gate_waiting{"), "a decided gate waits no more: " + page);
    assertTrue(page.contains("backstep_step{direction=\"forward\"," + run + "} 2.0"), page);
    assertTrue(page.contains("backstep_step_statements_done{step=\"backfill\",target=\"orders\"} 2.0"), page);
    assertTrue(page.contains("backstep_step_statements{step=\"backfill\",target=\"orders\"} 5.0"), page);
    assertTrue(page.contains("backstep_statement_rows_total{target=\"orders\"} 1000.0"), page);
    metrics.stepFinished(step("backfill", StepState.FAILED), Direction.FORWARD);
    metrics.runFinished(result(RunState.FAILED));
    page = scrape();
    assertTrue(page.contains("backstep_run_state{" + run + ",backstep_run_state=\"FAILED\"} 1"), page);
    assertTrue(page.contains("backstep_run_state{" + run + ",backstep_run_state=\"RUNNING\"} 0"), page);
    assertTrue(page.contains("backstep_runs_finished_total{state=\"FAILED\",target=\"orders\"} 1.0"), page);
    assertTrue(page.contains("backstep_steps_finished_total{direction=\"forward\",state=\"FAILED\",target=\"orders\"}"
        + " 1.0"), page);
  }

  /** docs/metrics.md must name every metric the endpoint can expose (regression guard against a silent rename). */
  @Test
  void theMetricsPageNamesEveryMetric() throws IOException {
    metrics.runStarted("CHG-1", "p", "orders", Direction.FORWARD);
    String docs = Files.readString(Path.of("docs/metrics.md"));
    List<String> missing = new ArrayList<>();
    for (MetricSnapshot s : registry.scrape()) {
      String name = s.getMetadata().getPrometheusName();
      String shown = s.getClass().getSimpleName().startsWith("Counter") ? name + "_total" : name;
      if (!docs.contains("`" + shown + "`")) {
        missing.add(shown);
      }
    }
    assertEquals(List.of(), missing, "metrics not named in docs/metrics.md");
    assertEquals(Metric.values().length, java.util.Arrays.stream(Metric.values()).map(TelemetryGauges::name)
        .filter(n -> docs.contains("`" + n + "`")).count(), "every telemetry metric is in the table");
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static GuardEvent event(GuardEvent.Kind kind, double value) {
    return new GuardEvent(T0, kind, RULE, value, 150, Double.NaN, Duration.ofSeconds(5), List.of(value), "");
  }

  private static StepResult step(String id, StepState state) {
    return new StepResult(0, id, id, "sql", state, 1, 0, 0, 0, Duration.ofMillis(1500), "ops", null, null, null,
        null);
  }

  private static RunResult result(RunState state) {
    return new RunResult("run-1", "CHG-1", "orders", "add-note", 1, "sha", state, "ops", null, Duration.ofSeconds(3),
        List.of(), "boom", List.of(), List.of(), null);
  }
}
