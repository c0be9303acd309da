package backstep.cli;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.db.TargetUnavailableException;
import backstep.drill.WorkloadSpec;
import backstep.drill.load.Workload;
import backstep.drill.load.WorkloadSummary;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
    "Measure the rate the drill workload sustains: in a scratch database on the target's server (seeded with the",
    "demo shop, dropped afterwards), the drills' mix (50% read by key, 30% insert, 20% update, journaled) for",
    "--seconds per repetition; prints each repetition and the medians."})
final class DrillBenchCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--clients", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--rate", defaultValue = "0",
      description = "Target operations per second, all clients together; 0 = as fast as they can (default).")
  int rate;

  @Option(names = "--seconds", defaultValue = "10",
      description = "Length of one repetition (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--reps", defaultValue = "3", description = "Repetitions (default: ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--json", description = "Print as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    atLeast("--clients", clients, 1);
    atLeast("--rate", rate, 0);
    atLeast("--seconds", seconds, 1);
    atLeast("--reps", reps, 1);
    WorkloadSpec spec = new WorkloadSpec(clients, rate, 50, 30, 20, "orders", "id", "total_cents",
        Map.of("customer_id", "1", "status", "'bench'", "created_at", "CURRENT_TIMESTAMP"), "customers", "id",
        20000, Duration.ZERO);
    try (Database server = target.open(err())) {
      List<WorkloadSummary> runs = new ArrayList<>();
      for (int i = 0; i < reps; i++) {
        String name = "bs_drillbench_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Database scratch = server.createScratch(name);
        try {
          try (Connection c = scratch.connection()) {
            DemoSchema.seed(c, scratch.dialect().jooq(), false);
          }
          Workload w = new Workload(scratch, spec, Clock.systemUTC());
          w.start();
          Thread.sleep(seconds * 1000L);
          w.stop();
          WorkloadSummary s = w.summary();
          runs.add(s);
          err().printf(Locale.ROOT, "  rep %d: %.0f ops/s, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %d errors%n", i + 1,
              s.opsPerSecond(), s.p50(), s.p95(), s.p99(), s.errors());
          err().flush();
        } finally {
          server.dropScratch(scratch);
        }
      }
      double ops = median(runs.stream().mapToDouble(WorkloadSummary::opsPerSecond).toArray());
      double p50 = median(runs.stream().mapToDouble(WorkloadSummary::p50).toArray());
      double p95 = median(runs.stream().mapToDouble(WorkloadSummary::p95).toArray());
      double p99 = median(runs.stream().mapToDouble(WorkloadSummary::p99).toArray());
      if (json) {
        out().println(Json.pretty(Map.of("server", server.dialect().displayName() + " " + server.serverVersion(),
            "clients", clients, "rate", rate, "seconds", seconds, "runs", runs, "median_ops_per_s", ops,
            "median_p50_ms", p50, "median_p95_ms", p95, "median_p99_ms", p99)));
      } else {
        out().printf(Locale.ROOT,
            "drill workload on %s %s, %d clients, %s, %d × %d s: median %.0f ops/s, p50 %.2f ms, p95 %.2f ms,"
            + " p99 %.2f ms%n", server.dialect().displayName(), server.serverVersion(), clients,
            rate == 0 ? "unpaced" : "target " + rate + " ops/s", reps, seconds, ops, p50, p95, p99);
      }
      return ExitCodes.OK;
    } catch (TargetUnavailableException | SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "bench: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERNAL;
    }
  }

  private static double median(double[] v) {
    java.util.Arrays.sort(v);
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
