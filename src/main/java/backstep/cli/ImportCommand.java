package backstep.cli;

import backstep.engine.EngineException;
import backstep.history.HistoryWriter;
import backstep.history.ImportResult;
import backstep.history.Importer;
import backstep.history.Importers;
import backstep.history.Migration;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, description = {
    "Convert another tool's migrations into Backstep playbooks plus a history.yaml that orders them.",
    "FORMAT is flyway, liquibase, golang-migrate or sqitch; SOURCE the project folder (or Liquibase changelog).",
    "Reads files only; writes nothing when the source has a problem (file and line are named).",
    "Then: backstep validate DIR, backstep lint DIR, backstep rehearse DIR."})
final class ImportCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FORMAT", description = "flyway, liquibase, golang-migrate or sqitch.")
  String format;

  @Parameters(index = "1", paramLabel = "SOURCE", description = "The migrations folder or changelog file.")
  Path source;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Folder to write the playbooks and history.yaml into (empty or new).")
  Path output;

  @Option(names = "--dialect", paramLabel = "FAMILY", description = {"postgresql or mysql: the SQL family of "
      + "migrations whose source does not say (a plain Flyway or golang-migrate folder, a Liquibase changeset "
      + "without dbms:); overrides what the source says."})
  String dialect;

  @Option(names = "--force", description = "Write into a folder that already holds files, replacing an earlier "
      + "import's playbooks.")
  boolean force;

  @Override
  int run() throws InvalidFileException, EngineException {
    Importer importer = Importers.forFormat(format).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "unknown format '" + format + "' (known: " + String.join(", ", Importers.names()) + ")"));
    Optional<DialectFamily> family = Optional.empty();
    if (dialect != null) {
      family = Optional.of(DialectFamily.fromKey(dialect).orElseThrow(() -> new EngineException(
          EngineException.INVALID, "--dialect: unknown SQL family '" + dialect + "' (use postgresql or mysql)")));
    }
    if (!Files.exists(source)) {
      throw new EngineException(EngineException.INVALID, source + ": no such file or folder");
    }
    ImportResult r = importer.read(source, family);
    if (r.migrations().isEmpty()) {
      throw new EngineException(EngineException.INVALID, source + ": no " + format + " migrations found; "
          + "nothing was written");
    }
    HistoryWriter.Written w;
    try {
      w = HistoryWriter.write(r, output, force, Instant.now());
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, "cannot write " + output + ": " + e.getMessage());
    }
    print(r, w);
    return ExitCodes.OK;
  }

  private void print(ImportResult r, HistoryWriter.Written w) {
    List<Migration> ms = r.migrations();
    long noDown = ms.stream().filter(m -> !m.repeatable() && m.missingDown()).count();
    long repeatable = ms.stream().filter(Migration::repeatable).count();
    out().printf(Locale.ROOT, "Imported %d %s migration(s) from %s into %s (%s)%n", ms.size(), r.format(), r.source(),
        w.history(), String.join("/", r.dialects().stream().sorted().map(DialectFamily::key).toList()));
    for (Migration m : ms) {
      if (m.repeatable()) {
        out().println("  ↻ " + m.version() + " " + m.file() + ": repeatable; never rolled back");
      } else if (m.missingDown()) {
        out().println("  ✖ " + m.version() + " " + m.file() + ": no down script; rollback_mode: none (lint BS017)");
      }
      m.notes().forEach(n -> out().println("  ! " + m.version() + " " + m.file() + ": " + n));
    }
    r.warnings().forEach(x -> out().println("  ! " + x));
    r.notImported().forEach(x -> out().println("  – not imported: " + x));
    out().printf(Locale.ROOT, "%d with a down script, %d without, %d repeatable, %d thing(s) not imported.%n",
        ms.size() - noDown - repeatable, noDown, repeatable, r.notImported().size());
    out().println("Next: backstep validate " + output + " && backstep rehearse " + output);
  }
}
