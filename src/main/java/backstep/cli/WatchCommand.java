package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.telemetry.Blocker;
import backstep.telemetry.Metric;
import backstep.telemetry.Reading;
import backstep.telemetry.Telemetry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "watch", mixinStandardHelpOptions = true, description = {
    "Print a target's live metrics once per interval, without changing anything.",
    "Probe and canary latency, lock waiters and blockers, commits and rollbacks per second, connections,",
    "replication lag (n/a when the target cannot tell)."})
final class WatchCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--interval", defaultValue = "1000", paramLabel = "MS",
      description = "Sampling interval in milliseconds (default: ${DEFAULT-VALUE}).")
  long intervalMs;

  @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N samples (0: never).")
  int count;

  @Option(names = "--canary", paramLabel = "SQL", description = "A query to time each tick, e.g. a primary-key read.")
  String canary;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  @picocli.CommandLine.Mixin
  MetricsOptions metrics;

  @Override
  int run() throws InvalidFileException, EngineException {
    atLeast("--interval", intervalMs, 1);
    atLeast("--count", count, 0);
    try (Observers obs = Observers.open(metrics, target.spec(), err()); Database db = target.open(err())) {
      BlockingQueue<Reading> q = new ArrayBlockingQueue<>(64);
      try (Telemetry t = Telemetry.start(db, Clock.systemUTC(), Duration.ofMillis(intervalMs), canary)) {
        t.addListener(obs::sampled);
        t.addListener(q::offer);
        if (!json) {
          out().printf(Locale.ROOT,
              "%-8s %9s %9s %7s %9s %9s %9s %11s %8s %7s%n", "time", "probe ms", "canary ms", "waiters",
              "wait ms", "commit/s", "rollbk/s", "connections", "lag s", "cost ms");
        }
        for (int n = 0; count == 0 || n < count; n++) {
          Reading r = q.poll(intervalMs * 5, TimeUnit.MILLISECONDS);
          if (r == null) {
            throw new EngineException(EngineException.UNAVAILABLE, "the sampler stopped answering");
          }
          print(r, t.replicaLags());
        }
      }
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot sample: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    }
  }

  /** One reading; {@code lags}: each listed replica's lag at the latest sample (targets.yaml replicas:). */
  private void print(Reading r, Map<String, Double> lags) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", r.at().toString());
      r.values().forEach((k, v) -> m.put(k.key(), Double.isNaN(v) ? null : v));
      m.put("waiters", r.waiters());
      m.put("blockers", r.blockers());
      if (!lags.isEmpty()) {
        Map<String, Object> replicas = new LinkedHashMap<>();
        lags.forEach((name, v) -> replicas.put(name, Double.isNaN(v) ? null : v));
        m.put("replica_lag_s", replicas);
      }
      if (r.error() != null) {
        m.put("error", r.error());
      }
      out().println(Json.compactWithNulls(m));
    } else {
      out().printf(Locale.ROOT, "%-8s %9s %9s %7s %9s %9s %9s %11s %8s %7s%n", r.at().toString().substring(11, 19),
          f(r.get(Metric.PROBE_MS)), f(r.get(Metric.CANARY_MS)), f(r.get(Metric.LOCK_WAITERS)),
          f(r.get(Metric.LONGEST_LOCK_WAIT_MS)), f(r.get(Metric.COMMITS_PER_S)), f(r.get(Metric.ROLLBACKS_PER_S)),
          f(r.get(Metric.ACTIVE_CONNECTIONS)) + "/" + f(r.get(Metric.CONNECTION_LIMIT)),
          f(r.get(Metric.REPLICATION_LAG_S)), f(r.get(Metric.SAMPLE_COST_MS)));
      lags.forEach((name, v) -> out().println("   replica " + name + ": lag " + (Double.isNaN(v) ? "n/a (cannot be "
          + "read)" : f(v) + " s")));
      for (Blocker b : r.blockers()) {
        out().println("   blocker " + b.describe());
      }
      if (r.error() != null) {
        out().println("   sampling error: " + r.error());
      }
    }
    out().flush();
  }

  private static String f(double v) {
    return Double.isNaN(v) ? "n/a" : v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.1f", v);
  }
}
