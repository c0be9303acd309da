package backstep.cli;

import backstep.db.TargetSpec;
import backstep.db.Webhook;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.engine.RunListeners;
import backstep.metrics.MetricsEndpoint;
import backstep.metrics.RunMetrics;
import backstep.notify.Notifier;
import backstep.playbook.InvalidFileException;
import backstep.telemetry.Reading;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/**
 * Who watches a command's runs besides its progress lines: the metrics endpoint ({@code --metrics-port}) and the
 * targets file's {@code notify:} webhooks. Opened before the command connects (a taken port stops it before anything
 * changes), closed when it ends (the last notifications are sent then).
 */
final class Observers implements AutoCloseable {
  private final MetricsEndpoint endpoint;
  private final RunMetrics metrics;
  private final Notifier notifier;

  private Observers(MetricsEndpoint endpoint, RunMetrics metrics, Notifier notifier) {
    this.endpoint = endpoint;
    this.metrics = metrics;
    this.notifier = notifier;
  }

  /** The metrics endpoint only (no runs to notify about: `backstep watch`). */
  static Observers open(MetricsOptions options, TargetSpec target, PrintWriter err) throws EngineException {
    return open(options, target, List.of(), null, err);
  }

  /** The metrics endpoint, if asked for, and the target's webhooks, told as {@code operator}'s runs. */
  static Observers open(MetricsOptions options, TargetOptions targets, String operator, PrintWriter err)
      throws EngineException, InvalidFileException {
    TargetSpec spec = targets.spec();
    return open(options, spec, targets.targets().webhooks(spec.name()), operator, err);
  }

  private static Observers open(MetricsOptions options, TargetSpec target, List<Webhook> webhooks, String operator,
      PrintWriter err) throws EngineException {
    boolean serve = options != null && options.port != null;
    if (serve) {
      BaseCommand.atLeast("--metrics-port", options.port, 0);
      if (options.port > 65535) {
        throw new EngineException(EngineException.INVALID, "--metrics-port: must be 65535 or less, not "
            + options.port);
      }
    }
    Notifier notifier = webhooks.isEmpty() ? null : new Notifier(target, operator, webhooks, Clock.systemUTC(),
        w -> {
          err.println("backstep: warning: " + w);
          err.flush();
        });
    if (!serve) {
      return new Observers(null, null, notifier);
    }
    try {
      MetricsEndpoint e = MetricsEndpoint.start(options.address, options.port);
      err.println("Metrics: " + e.url());
      err.flush();
      return new Observers(e, e.runMetrics(target.name(), Clock.systemUTC()), notifier);
    } catch (IOException e) {
      if (notifier != null) {
        notifier.close();
      }
      throw new EngineException(EngineException.INVALID, "--metrics-port: " + e.getMessage());
    }
  }

  /** The command's own listener and the observers', as one. */
  RunListener listener(RunListener progress) {
    return RunListeners.of(progress, metrics, notifier);
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
    if (notifier != null) {
      notifier.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
