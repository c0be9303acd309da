package backstep.ui;

import backstep.metrics.MetricsEndpoint;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console's metrics endpoint: the same as the CLI's {@code --metrics-port}, asked for with the environment
 * variable {@code BACKSTEP_METRICS_PORT} (or {@code -Dbackstep.metrics.port}), since the console has no command
 * line; {@code BACKSTEP_METRICS_ADDRESS} ({@code -Dbackstep.metrics.address}) moves it off 127.0.0.1. A console that
 * cannot listen says so and opens anyway.
 */
final class ConsoleMetrics {
  private ConsoleMetrics() {}

  /** The endpoint asked for in {@code env} or {@code props}, started; empty when none was asked for or it failed. */
  static Optional<MetricsEndpoint> start(Map<String, String> env, java.util.Properties props, Consumer<String> say) {
    String port = setting(env, props, "BACKSTEP_METRICS_PORT", "backstep.metrics.port");
    if (port == null) {
      return Optional.empty();
    }
    String address = setting(env, props, "BACKSTEP_METRICS_ADDRESS", "backstep.metrics.address");
    int p;
    try {
      p = Integer.parseInt(port.trim());
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535) {
      say.accept("backstep: BACKSTEP_METRICS_PORT must be a port from 0 to 65535, not '" + port + "'; the console "
          + "runs without a metrics endpoint");
      return Optional.empty();
    }
    try {
      MetricsEndpoint e = MetricsEndpoint.start(address == null ? "127.0.0.1" : address.trim(), p);
      say.accept("Metrics: " + e.url());
      return Optional.of(e);
    } catch (IOException ex) {
      say.accept("backstep: metrics endpoint: " + ex.getMessage() + "; the console runs without it");
      return Optional.empty();
    }
  }

  private static String setting(Map<String, String> env, java.util.Properties props, String var, String prop) {
    String v = props.getProperty(prop);
    if (v == null || v.isBlank()) {
      v = env.get(var);
    }
    return v == null || v.isBlank() ? null : v;
  }
}
