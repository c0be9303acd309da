package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.Direction;
import backstep.metrics.MetricsEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The console's endpoint, asked for by environment or property since the console has no command line. */
class ConsoleMetricsTest {
  private final List<String> said = new ArrayList<>();

  @Test
  void noSettingNoEndpoint() {
    assertEquals(Optional.empty(), ConsoleMetrics.start(Map.of(), new Properties(), said::add));
    assertEquals(List.of(), said);
  }

  @Test
  void aPortInTheEnvironmentServesTheConsolesRunsLabelledByTheirTarget() throws Exception {
    Optional<MetricsEndpoint> e = ConsoleMetrics.start(Map.of("BACKSTEP_METRICS_PORT", "0"), new Properties(),
        said::add);
    assertTrue(e.isPresent(), said::toString);
    try (MetricsEndpoint m = e.get()) {
      assertEquals(List.of("Metrics: " + m.url()), said);
      assertTrue(m.url().startsWith("http://127.0.0.1:"), m.url());
      m.runMetrics("console", Clock.systemUTC()).runStarted("CHG-1", "add-note", "staging-orders",
          Direction.FORWARD);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.url())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("backstep_run_state{playbook=\"add-note\",target=\"staging-orders\","
          + "backstep_run_state=\"RUNNING\"} 1"), r.body());
    }
  }

  @Test
  void aBadPortIsSaidAndTheConsoleGoesOnWithoutIt() {
    Properties p = new Properties();
    p.setProperty("backstep.metrics.port", "http");
    assertEquals(Optional.empty(), ConsoleMetrics.start(Map.of("BACKSTEP_METRICS_PORT", "9464"), p, said::add));
    assertEquals(List.of("backstep: BACKSTEP_METRICS_PORT must be a port from 0 to 65535, not 'http'; the console "
        + "runs without a metrics endpoint"), said);
  }
}
