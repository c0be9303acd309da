package backstep.cli;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.drill.WorkloadSpec;
import backstep.drill.load.Workload;
import backstep.drill.load.WorkloadSummary;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.traffic.ProfileFile;
import backstep.traffic.TrafficProfile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true, description = {
    "Replay a traffic profile on a target for --seconds, as a drill's 'profile:' workload does: its shapes in",
    "proportion to their calls at --speed times the captured rate, lookups with values sampled from the target,",
    "latency measured from each request's scheduled start. Prints the rate and read share reached beside the",
    "profile's. It writes: a production target is refused."})
final class TrafficReplayCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PROFILE", description = "A profile file written by traffic capture.")
  Path profile;

  @Mixin
  TargetOptions target;

  @Option(names = "--speed", defaultValue = "1", description = "Times the captured rate (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--clients", defaultValue = "4", description = "Client threads (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "30", description = "How long to replay (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    atLeast("--clients", clients, 1);
    atLeast("--seconds", seconds, 1);
    if (!(speed > 0 && speed <= 1000)) {
      throw new EngineException(EngineException.INVALID, "--speed: a speed-up between 0 and 1000, not " + speed);
    }
    TrafficProfile p = ProfileFile.load(profile);
    WorkloadSpec spec = WorkloadSpec.replay(p, speed, clients, Duration.ZERO);
    try (Database db = target.open(err())) {
      if (db.spec().environment() == EnvironmentClass.PRODUCTION) {
        throw new EngineException(EngineException.INVALID, "replay writes to '" + db.spec().name() + "', a "
            + "production target; replay on a staging or sandbox target");
      }
      if (!db.dialect().family().key().equals(p.family())) {
        throw new EngineException(EngineException.INVALID, profile + " was captured on " + p.family() + "; '"
            + db.spec().name() + "' is " + db.dialect().displayName());
      }
      err().printf(Locale.ROOT, "Replaying %s on %s for %d s at %s× (%d statements/s, %d clients)...%n", profile,
          db.spec().name(), seconds, speed, spec.rate(), clients);
      err().flush();
      Workload w = new Workload(db, spec, Clock.systemUTC());
      try {
        w.start();
        Thread.sleep(seconds * 1000L);
      } finally {
        w.stop();
      }
      print(p, spec, w);
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "traffic replay: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERNAL;
    }
  }

  private void print(TrafficProfile p, WorkloadSpec spec, Workload w) {
    WorkloadSummary s = w.summary();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("profile", profile.toString());
      o.put("speed", speed);
      o.put("target_rate", p.rate() * speed);
      o.put("profile_read_share", p.readShare());
      o.put("summary", s);
      o.put("read_share", s.readShare());
      o.put("error_kinds", w.errorKinds());
      out().println(Json.pretty(o));
      return;
    }
    out().printf(Locale.ROOT, "Replayed %d statements in %.1f s: %.1f/s (profile × %s: %.1f/s), %.1f%% reads "
        + "(profile: %.1f%%), %d errors%n", s.operations(), s.ran().toMillis() / 1000.0, s.opsPerSecond(), speed,
        p.rate() * speed, s.readShare() * 100, p.readShare() * 100, s.errors());
    out().printf(Locale.ROOT, "  latency from the scheduled start: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f "
        + "ms%n", s.p50(), s.p95(), s.p99(), s.max());
    w.errorKinds().forEach((m, n) -> out().println("  error ×" + n + ": " + m));
  }
}
