package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.GuardRule;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricKeysTest {
  @Test
  void everyGuardableMetricNameIsAMetricTheSamplerRecords() {
    Set<String> sampled = EnumSet.complementOf(EnumSet.of(Metric.CONNECTION_LIMIT, Metric.SAMPLE_COST_MS)).stream()
        .map(Metric::key).collect(Collectors.toSet());
    assertEquals(sampled, GuardRule.METRICS, "playbook guard metrics and telemetry metrics drifted apart");
  }

  @Test
  void percentilesIgnoreUnavailableSamples() {
    List<Sample> s = Arrays.asList(new Sample(1, 10), new Sample(2, Double.NaN), new Sample(3, 30), new Sample(4, 20));
    assertEquals(30, Telemetry.percentile(s, 95));
    assertEquals(20, Telemetry.percentile(s, 50));
    assertEquals(Double.NaN, Telemetry.percentile(List.of(), 95));
  }
}
