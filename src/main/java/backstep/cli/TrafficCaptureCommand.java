package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.traffic.ProfileFile;
import backstep.traffic.TrafficCapture;
import backstep.traffic.TrafficProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "capture", mixinStandardHelpOptions = true, description = {
    "Capture a target's traffic into a profile file: statement shapes, call rates, the read/write mix and",
    "parameter distributions, from pg_stat_statements (PostgreSQL) or performance_schema's statement digests",
    "(MariaDB, MySQL) read twice, --seconds apart. Only reads: production targets are fine. The profile keeps no",
    "value of the source: shapes hold placeholders, parameters a type, a column and a summary of its values."})
final class TrafficCaptureCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--seconds", defaultValue = "30", description = "How long to capture (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The profile file to "
      + "write (YAML).")
  Path output;

  @Option(names = "--force", description = "Overwrite the output file if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    atLeast("--seconds", seconds, 1);
    if (Files.exists(output) && !force) {
      throw new EngineException(EngineException.INVALID, output + " exists; pass --force to overwrite it");
    }
    try (Database db = target.open(err())) {
      err().printf(Locale.ROOT, "Capturing %s's statements for %d s...%n", db.spec().name(), seconds);
      err().flush();
      TrafficProfile p = new TrafficCapture(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()))
          .capture(db, Duration.ofSeconds(seconds));
      if (p.shapes().isEmpty()) {
        throw new EngineException(EngineException.FAILED, db.spec().name() + " ran no reads or writes in "
            + seconds + " s" + (p.notes().isEmpty() ? "" : " (" + String.join("; ", p.notes()) + ")")
            + "; no profile written");
      }
      ProfileFile.write(p, output);
      print(p);
      return ExitCodes.OK;
    } catch (TrafficCapture.CaptureException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "traffic capture: " + e.getMessage());
    } catch (IOException e) {
      throw new EngineException(EngineException.FAILED, "cannot write " + output + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INTERNAL;
    }
  }

  private void print(TrafficProfile p) {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("file", output.toString());
      o.put("source", p.source());
      o.put("seconds", p.seconds());
      o.put("statements_per_second", p.rate());
      o.put("read_share", p.readShare());
      o.put("shapes", p.shapes());
      o.put("notes", p.notes());
      out().println(Json.pretty(o));
      return;
    }
    out().printf(Locale.ROOT, "Captured %s over %.1f s: %d shapes, %.1f statements/s, %.1f%% reads -> %s%n",
        p.source(), p.seconds(), p.shapes().size(), p.rate(), p.readShare() * 100, output);
    p.shapes().stream().limit(10).forEach(s -> out().printf(Locale.ROOT, "  %-4s %-5s %8.1f/s  %s%n", s.id(),
        s.kind().key(), s.perSecond(), s.sql().length() > 90 ? s.sql().substring(0, 87) + "..." : s.sql()));
    if (p.shapes().size() > 10) {
      out().println("  ... and " + (p.shapes().size() - 10) + " more (see the file)");
    }
    p.notes().forEach(n -> out().println("  note: " + n));
  }
}
