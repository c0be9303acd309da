package backstep.cli;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.engine.HistoryRehearsal;
import backstep.engine.Rehearsal;
import backstep.history.History;
import backstep.integrity.SchemaCopy;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rehearse", mixinStandardHelpOptions = true, description = {
    "Prove a playbook is safely reversible, on a throwaway database; exit 0 only if every phase holds.",
    "Creates a scratch database on the target's server (the sandbox by default), seeds it, fingerprints it",
    "(schema, row counts, checksums), applies, rolls back, requires the fingerprint to equal the starting one",
    "exactly, applies again and, with --idempotence, once more expecting every step to be skipped. The",
    "scratch database is dropped afterwards; the target's own database is never changed."})
final class RehearseCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PLAYBOOK|HISTORY", description = {"A playbook, or a history (history.yaml "
      + "or its folder): then every migration is applied, rolled back, proven and applied again, in order, on one "
      + "scratch database (empty unless --seed)."})
  Path playbook;

  @Option(names = "--from", paramLabel = "MIGRATION", description = "With a history: rehearse from this migration "
      + "(earlier ones are applied as set-up, unrehearsed).")
  String from;

  @Option(names = "--to", paramLabel = "MIGRATION", description = "With a history: rehearse up to this migration.")
  String to;

  @Mixin
  TargetOptions target;

  @Option(names = "--seed", paramLabel = "FILE.sql",
      description = "Seed the scratch database with this SQL file instead of the demo schema.")
  Path seedFile;

  @Option(names = "--seed-from", paramLabel = "TARGET[:SCHEMA]", description = {
      "Seed the scratch database with a copy of this target's schema (default: its current schema): tables,",
      "keys, indexes, foreign keys, views; same database family as the rehearsal server. Copied rows are",
      "masked by --mask; personal-looking columns without a rule are refused unless --unmasked."})
  String seedFrom;

  @Option(names = "--seed-rows", paramLabel = "N", defaultValue = "0",
      description = "With --seed-from, also copy up to N rows of each table (default 0: schema only).")
  long seedRows;

  @Mixin
  MaskOptions masking;

  @Option(names = "--empty", description = "Start from an empty scratch database (no seed).")
  boolean empty;

  @Option(names = "--idempotence", description = "Also apply once more and require every step to be skipped.")
  boolean idempotence;

  @Option(names = "--allow-empty", description = {"Accept a rehearsal in which forward applied no step (by default "
      + "that fails: nothing was rehearsed)."})
  boolean allowEmpty;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (for CI systems).")
  Path junit;

  @Override
  int run() throws InvalidFileException, EngineException {
    if (HistoryCommands.isHistory(playbook)) {
      return history();
    }
    if (from != null || to != null) {
      throw new EngineException(EngineException.INVALID, (from != null ? "--from" : "--to") + ": only with a "
          + "history (history.yaml or its folder)");
    }
    Playbook pb = load(playbook, target);
    Rehearsal.Seed seed = Rehearsal.Seed.DEMO;
    if (empty) {
      seed = Rehearsal.Seed.NONE;
    } else if (seedFile != null) {
      try {
        seed = new Rehearsal.Seed(false, Files.readString(seedFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new EngineException(EngineException.INVALID, "--seed: cannot read " + seedFile + ": " + e.getMessage());
      }
    }
    if (seedRows < 0) {
      throw new EngineException(EngineException.INVALID, "--seed-rows: must be 0 or more, not " + seedRows);
    }
    if (seedFrom != null && (empty || seedFile != null)) {
      throw new EngineException(EngineException.INVALID, "--seed-from cannot be combined with --seed or --empty");
    }
    masking.onlyWithRows(seedFrom != null && seedRows > 0, "only with --seed-from and --seed-rows above 0 (the "
        + "rows of the copy are masked)");
    boolean fromOptions = empty || seedFile != null || seedFrom != null;
    try (Database db = target.open(err()); Database source = seedFrom == null ? null
        : target.openSource(seedFrom, db, "--seed-from", "the rehearsal runs on", err())) {
      SchemaCopy copy = source == null ? null : new SchemaCopy(source,
          seedFrom.contains(":") ? seedFrom.substring(seedFrom.indexOf(':') + 1) : null);
      Rehearsal.Seed chosen = source != null ? Rehearsal.Seed.copyOf(seedRows > 0 ? masking.plan(copy, err())
          : copy, seedRows) : fromOptions ? seed : playbookSeed(pb, db).orElse(seed);
      Rehearsal.Report r = withEngine(engine -> new Rehearsal(engine, Clock.systemUTC())
          .run(db, pb, chosen, idempotence, allowEmpty, new ProgressPrinter(err())));
      if (json) {
        out().println(Json.pretty(r));
      } else {
        print(r);
      }
      writeJunit(JUnitXml.of(r));
      return r.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /**
   * The playbook's own {@code seed:} file for the server's SQL family, when it names one and no option overrides it.
   */
  private static Optional<Rehearsal.Seed> playbookSeed(Playbook pb, Database db) throws EngineException {
    Optional<Path> file = pb.seedFile(db.dialect().family());
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Rehearsal.Seed(false, Files.readString(file.get(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, pb.source() + ": seed: cannot read " + file.get() + " ("
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
    }
  }

  private int history() throws InvalidFileException, EngineException {
    if (seedFrom != null || idempotence || allowEmpty) {
      throw new EngineException(EngineException.INVALID, "--seed-from, --idempotence and --allow-empty are for a "
          + "playbook; a history is rehearsed from an empty scratch database, or from --seed FILE");
    }
    History h = HistoryCommands.load(playbook, target);
    int first = HistoryCommands.index(h, from, "--from", 0);
    int last = HistoryCommands.index(h, to, "--to", h.migrations().size() - 1);
    if (first > last) {
      throw new EngineException(EngineException.INVALID, "--from " + from + " comes after --to " + to);
    }
    String seedSql = null;
    if (seedFile != null) {
      try {
        seedSql = Files.readString(seedFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new EngineException(EngineException.INVALID, "--seed: cannot read " + seedFile + ": " + e.getMessage());
      }
    }
    String seed = seedSql;
    try (Database db = target.open(err())) {
      HistoryRehearsal.Report r = withEngine(engine -> new HistoryRehearsal(engine, Clock.systemUTC())
          .run(db, h, first, last, seed, new ProgressPrinter(err())));
      if (json) {
        out().println(Json.pretty(r));
      } else {
        HistoryCommands.print(out(), r);
      }
      writeJunit(JUnitXml.of(r));
      return r.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private void writeJunit(String xml) throws EngineException {
    if (junit == null) {
      return;
    }
    try {
      Files.writeString(junit, xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(EngineException.INVALID, "--junit: cannot write " + junit + ": " + e.getMessage());
    }
  }

  private void print(Rehearsal.Report r) {
    out().printf(Locale.ROOT,
        "Rehearsal of %s v%d on %s, scratch database %s — %s (%.1f s)%n", r.playbookId(), r.version(),
        r.server(), r.scratch(), r.passed() ? "PASSED" : "FAILED", r.took().toMillis() / 1000.0);
    for (Rehearsal.Phase p : r.phases()) {
      out().printf(Locale.ROOT, "  %s %-14s %s%n", p.passed() ? "✔" : "✖", p.name(), p.detail());
      for (String d : p.differences()) {
        out().println("        - " + d);
      }
    }
  }
}
