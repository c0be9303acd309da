package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.integrity.SchemaSnapshot;
import backstep.playbook.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "snapshot", mixinStandardHelpOptions = true, description = {
    "Save a target's schema snapshot as JSON, to compare later with `diff --against FILE` (drift).",
    "Tables (columns, collations, comments, keys, indexes, foreign keys, checks, partitioning), triggers, views,",
    "sequences with their properties, functions and procedures, in a canonical order-independent form; Backstep's",
    "own ledger tables are left out."})
final class SnapshotCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path outFile;

  @Override
  int run() throws InvalidFileException, EngineException {
    try (Database db = target.open(err())) {
      String json = SchemaSnapshot.take(db).toJson();
      if (outFile == null) {
        out().println(json);
      } else {
        Files.writeString(outFile, json, StandardCharsets.UTF_8);
        err().println("Schema snapshot of " + db.spec().name() + " written to " + outFile);
      }
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the schema: " + e.getMessage());
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, "cannot write " + outFile + ": " + e.getMessage());
    }
  }
}
