package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.integrity.Difference;
import backstep.integrity.SchemaDiff;
import backstep.integrity.SchemaSnapshot;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true, description = {
    "Compare a target's schema with another target's (environment parity) or a saved snapshot (drift).",
    "Each difference is named in words; exit 0 when the schemas are equal, 1 when they differ."})
final class DiffCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Against against;

  static final class Against {
    @Option(names = "--against", paramLabel = "FILE", description = "A snapshot saved with `backstep snapshot`.")
    Path file;

    @Option(names = "--against-url", paramLabel = "JDBC_URL", description = "Another database to compare with.")
    String url;

    @Option(names = "--against-target", paramLabel = "NAME", description = "Another named target.")
    String name;
  }

  @Option(names = "--against-user", paramLabel = "USER", description = "User for --against-url.")
  String againstUser;

  @Option(names = "--json", description = "Print the differences as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    SchemaSnapshot expected = expected();
    try (Database db = target.open(err())) {
      SchemaSnapshot actual = SchemaSnapshot.take(db);
      if (expected.format() < SchemaSnapshot.FORMAT) {
        err().println("note: " + against.file + " was saved before snapshots held sequence properties, partitioning"
            + " and table collations; they are not compared");
      }
      if (againstFileWithoutRoutines) {
        err().println("note: " + against.file + " was saved before snapshots held functions and procedures;"
            + " they are not compared");
        actual = new SchemaSnapshot(actual.dialect(), actual.tables(), actual.views(), actual.triggers(),
            actual.sequences());
      }
      List<Difference> diffs = SchemaDiff.diff(expected, actual);
      if (json) {
        out().println(Json.pretty(diffs));
      } else if (diffs.isEmpty()) {
        out().println("No differences: the schemas are equal.");
      } else {
        out().println(diffs.size() + " difference(s) (expected → " + db.spec().name() + "):");
        diffs.forEach(d -> out().println("  " + d.describe()));
      }
      return diffs.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the schema: " + e.getMessage());
    }
  }

  /** A saved snapshot from before routines were captured: comparing them would list every function as new. */
  private boolean againstFileWithoutRoutines;

  private SchemaSnapshot expected() throws InvalidFileException, EngineException {
    if (against.file != null) {
      try {
        String json = Files.readString(against.file, StandardCharsets.UTF_8);
        againstFileWithoutRoutines = !Json.MAPPER.readTree(json).has("routines");
        return SchemaSnapshot.fromJson(json);
      } catch (IOException | RuntimeException e) {
        throw new EngineException(EngineException.INVALID, "cannot read snapshot " + against.file + ": "
            + e.getMessage());
      }
    }
    TargetOptions other = new TargetOptions();
    other.targetsFile = target.targetsFile;
    other.url = against.url;
    other.user = againstUser;
    other.target = against.name;
    other.environment = "staging";
    try (Database db = other.open(err())) {
      return SchemaSnapshot.take(db);
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the other schema: " + e.getMessage());
    }
  }
}
