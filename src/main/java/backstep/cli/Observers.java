package backstep.cli;

import backstep.db.TargetSpec;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunListeners;
import backstep.metrics.MetricsEndpoint;
import backstep.metrics.RunMetrics;
import backstep.telemetry.Reading;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Who watches a command's runs besides its progress lines: the metrics endpoint ({@code --metrics-port}). Opened
 * before the command connects (a taken port stops it before anything changes), closed when it ends.
 */
final class Observers implements AutoCloseable {
  private final MetricsEndpoint endpoint;
  private final RunMetrics metrics;

  private Observers(MetricsEndpoint endpoint, RunMetrics metrics) {
    this.endpoint = endpoint;
    this.metrics = metrics;
  }

  static Observers open(MetricsOptions options, TargetSpec target, PrintWriter err) throws EngineException {
    if (options == null || options.port == null) {
      return new Observers(null, null);
    }
    BaseCommand.atLeast("--metrics-port", options.port, 0);
    if (options.port > 65535) {
      throw new EngineException(EngineException.INVALID, "--metrics-port: must be 65535 or less, not "
          + options.port);
    }
    try {
      MetricsEndpoint e = MetricsEndpoint.start(options.address, options.port);
      err.println("Metrics: " + e.url());
      err.flush();
      return new Observers(e, e.runMetrics(target.name(), Clock.systemUTC()));
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, "--metrics-port: " + e.getMessage());
    }
  }

  /** The command's own listener and the observers', as one. */
  RunListener listener(RunListener progress) {
    return RunListeners.of(progress, metrics);
  }

  /** Whether the runs should sample telemetry even without guards: someone scrapes the samples. */
  boolean sampled() {
    return metrics != null;
  }

  /** A reading taken outside a run (`backstep watch`). */
  void sampled(Reading r) {
    if (metrics != null) {
      metrics.sampled(r);
    }
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
