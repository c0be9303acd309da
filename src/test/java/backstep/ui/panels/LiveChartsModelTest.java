package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.GuardRule;
import backstep.playbook.Monitoring;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts' data without the toolkit: bounded points, thresholds from rules, breaches, relative baselines. */
class LiveChartsModelTest {
  private static final Instant T0 = Instant.parse("2026-11-23T22:00:00Z");

  private static Reading reading(int second, double probeMs, double waiters) {
    return new Reading(T0.plusSeconds(second), Map.of(Metric.PROBE_MS, probeMs, Metric.LOCK_WAITERS, waiters,
        Metric.LONGEST_LOCK_WAIT_MS, waiters * 1000, Metric.COMMITS_PER_S, 12.0, Metric.ROLLBACKS_PER_S, 0.0),
        List.of(), List.of(), null);
  }

  private static GuardRule rule(String metric, String agg, double above, boolean relative) {
    return new GuardRule(metric, agg, Duration.ofSeconds(5), above, relative, Duration.ofSeconds(5),
        GuardRule.Action.PAUSE, 1);
  }

  @Test
  void keepsOnlyTheLastFiveMinutesOfPoints() {
    LiveChartsModel m = new LiveChartsModel();
    List<Reading> batch = new ArrayList<>();
    for (int s = 0; s < 900; s++) {
      batch.add(reading(s, 2, 0));
    }
    m.add(batch.subList(0, 450));
    m.add(batch.subList(450, 900));
    int p95 = m.chart(ChartKind.LATENCY).series().get(1).getData().size();
    assertTrue(p95 <= 301 && p95 >= 299, "points kept: " + p95);
    assertEquals(899, m.xUpperProperty().get());
    assertEquals(899 - 300, m.xLowerProperty().get());
    assertEquals(900, m.readingsProperty().get());
  }

  @Test
  void theWindowGrowsFromTheFirstSample() {
    LiveChartsModel m = new LiveChartsModel();
    m.add(List.of(reading(0, 2, 0), reading(1, 2, 0)));
    assertEquals(-59, m.xLowerProperty().get(), "at least a minute wide");
    List<Reading> more = new ArrayList<>();
    for (int s = 2; s < 100; s++) {
      more.add(reading(s, 2, 0));
    }
    m.add(more);
    assertEquals(0, m.xLowerProperty().get(), "starts at the first sample");
    assertEquals(30, m.xTickProperty().get());
  }

  @Test
  void drawsEachRuleOnItsChartAndMarksABreach() {
    LiveChartsModel m = new LiveChartsModel();
    m.setGuards(List.of(rule("probe_ms", "p95", 100, false), rule("longest_lock_wait_ms", "latest", 5000, false),
        rule("replication_lag_s", "latest", 10, false)), "playbook guards (3)", Duration.ofSeconds(2));
    m.add(List.of(reading(0, 3, 0), reading(1, 4, 0)));
    ThresholdLine latency = m.chart(ChartKind.LATENCY).thresholds().get(0);
    assertEquals(100, latency.y());
    assertEquals("pause · p95 probe > 100 ms", latency.label());
    assertFalse(latency.breached());
    ThresholdLine wait = m.chart(ChartKind.LOCKS).thresholds().get(0);
    assertEquals(5, wait.y(), 1e-9, "the longest wait is charted in seconds");
    assertTrue(m.chart(ChartKind.RATES).thresholds().isEmpty(), "replication lag is not charted");
    assertTrue(m.chart(ChartKind.LATENCY).yUpperProperty().get() >= 100, "the axis shows the threshold");

    m.add(List.of(reading(2, 400, 0), reading(3, 450, 0)));
    assertTrue(m.chart(ChartKind.LATENCY).thresholds().get(0).breached());
    assertTrue(m.chart(ChartKind.LATENCY).breachedProperty().get());
    assertFalse(m.chart(ChartKind.LOCKS).breachedProperty().get());
  }

  @Test
  void relativeThresholdsFreezeTheirBaselineWhenARunStarts() {
    LiveChartsModel m = new LiveChartsModel();
    m.setGuards(List.of(rule("probe_ms", "p95", 3, true)), "playbook guards (1)", Duration.ofSeconds(3));
    assertTrue(m.chart(ChartKind.LATENCY).thresholds().get(0).label().contains("measuring"));
    m.add(List.of(reading(0, 20, 0), reading(1, 20, 0), reading(2, 20, 0)));
    m.freezeBaselines();
    assertEquals(60, m.chart(ChartKind.LATENCY).thresholds().get(0).y(), 1e-9);
    m.add(List.of(reading(3, 200, 0), reading(4, 200, 0), reading(5, 200, 0), reading(6, 200, 0)));
    ThresholdLine t = m.chart(ChartKind.LATENCY).thresholds().get(0);
    assertEquals(60, t.y(), 1e-9, "the baseline stays what it was before the run");
    assertTrue(t.breached());
  }

  @Test
  void aBaselineIsTheEnginesFlooredMedian() {
    LiveChartsModel m = new LiveChartsModel();
    m.setGuards(List.of(rule("probe_ms", "p95", 3, true)), "playbook guards (1)", Duration.ofSeconds(5));
    m.add(List.of(reading(0, 1, 0), reading(1, 2, 0), reading(2, 900, 0), reading(3, 1, 0)));
    m.freezeBaselines();
    assertEquals(30, m.chart(ChartKind.LATENCY).thresholds().get(0).y(), 1e-9,
        "3 × the 10 ms floor: the median of 1, 1, 2, 900 is under it, and the 900 ms spike moves nothing");
  }

  @Test
  void environmentDefaultsAreDrawnLikeAnyRule() {
    LiveChartsModel m = new LiveChartsModel();
    m.setGuards(Monitoring.defaultsFor("production"), "production defaults (3)", Duration.ofSeconds(2));
    assertEquals(1, m.chart(ChartKind.LATENCY).thresholds().size());
    assertEquals(2, m.chart(ChartKind.LOCKS).thresholds().size());
    assertEquals("production defaults (3)", m.guardsProperty().get());
  }
}
