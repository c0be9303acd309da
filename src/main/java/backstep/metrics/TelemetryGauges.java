package backstep.metrics;

import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One gauge per telemetry {@link Metric}, in Prometheus base units: {@code probe_ms} becomes
 * {@code backstep_probe_seconds}, {@code commits_per_s} {@code backstep_commits_per_second}. A value the target could
 * not report (NaN in the sampler) is exposed as NaN, never as 0.
 */
final class TelemetryGauges {
  private final Map<Metric, Gauge> gauges = new EnumMap<>(Metric.class);
  private final Gauge blockers;
  private final Gauge lastSample;
  private final Counter samples;
  private final Counter errors;

  TelemetryGauges(PrometheusRegistry registry, String target) {
    for (Metric m : Metric.values()) {
      gauges.put(m, Gauge.builder().name(name(m)).help(help(m)).labelNames("target").register(registry));
    }
    blockers = Gauge.builder().name("backstep_lock_blockers")
        .help("Sessions holding a lock that another session waits for").labelNames("target").register(registry);
    lastSample = Gauge.builder().name("backstep_telemetry_last_sample_timestamp_seconds")
        .help("When the last telemetry sample was taken (Unix time)").labelNames("target").register(registry);
    samples = Counter.builder().name("backstep_telemetry_samples_total")
        .help("Telemetry samples taken").labelNames("target").register(registry);
    errors = Counter.builder().name("backstep_telemetry_errors_total")
        .help("Telemetry samples that failed (the target did not answer a sampling query)").labelNames("target")
        .register(registry);
    samples.labelValues(target);
    errors.labelValues(target);
  }

  /** The exposed name of a telemetry metric: {@code backstep_} and its key in base units. */
  static String name(Metric m) {
    String key = m.key();
    if (key.endsWith("_ms")) {
      key = key.substring(0, key.length() - 3) + "_seconds";
    } else if (key.endsWith("_per_s")) {
      key = key.substring(0, key.length() - 6) + "_per_second";
    } else if (key.endsWith("_s")) {
      key = key.substring(0, key.length() - 2) + "_seconds";
    }
    return "backstep_" + key;
  }

  /** The sampler's value in the exposed unit (milliseconds become seconds). */
  static double value(Metric m, double v) {
    return m.key().endsWith("_ms") ? v / 1000.0 : v;
  }

  private static String help(Metric m) {
    String unit = switch (m.unit()) {
      case "ms" -> " (seconds)";
      case "s" -> " (seconds)";
      case "/s" -> " (per second)";
      default -> "";
    };
    String words = m.words();
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1) + unit
        + "; NaN when the target cannot tell";
  }

  void record(String target, Reading r) {
    for (Map.Entry<Metric, Gauge> e : gauges.entrySet()) {
      e.getValue().labelValues(target).set(value(e.getKey(), r.get(e.getKey())));
    }
    blockers.labelValues(target).set(r.blockers().size());
    lastSample.labelValues(target).set(r.at().toEpochMilli() / 1000.0);
    samples.labelValues(target).inc();
    if (r.error() != null) {
      errors.labelValues(target).inc();
    }
  }
}
