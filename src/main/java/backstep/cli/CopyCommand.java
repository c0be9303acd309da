package backstep.cli;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.engine.EngineException;
import backstep.integrity.SchemaCopy;
import backstep.integrity.SchemaSnapshot;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", mixinStandardHelpOptions = true, description = {
    "Copy a target's schema and rows into another target's empty schema, masking personal data.",
    "Tables, keys, indexes, foreign keys and views as rehearse --seed-from copies them; rows pass through the",
    "--mask rules (deterministic: foreign keys still join, unique keys stay unique). A column that looks personal",
    "and has no rule is refused unless --unmasked. The destination must hold no tables and must not be production."})
final class CopyCommand extends BaseCommand {
  /** The copy counts the rows it wrote; it does not read the destination back against the source. */
  static final String UNPROVEN = "the row count is what was written; the destination's schema was not compared "
      + "with the source (backstep snapshot both, then backstep diff)";

  @Parameters(index = "0", paramLabel = "SOURCE[:SCHEMA]",
      description = "The target to copy from (default: its current schema), same database family as --target.")
  String source;

  @Mixin
  TargetOptions target;

  @Option(names = "--rows", paramLabel = "N", description = "Copy at most N rows of each table (default: all; "
      + "0: the schema only). Sampled child rows whose parent was not sampled are left out.")
  Long rows;

  @Mixin
  MaskOptions masking;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  int run() throws InvalidFileException, EngineException {
    long limit = rows == null ? Long.MAX_VALUE : rows;
    atLeast("--rows", limit, 0);
    masking.onlyWithRows(limit > 0, "not with --rows 0 (no rows are copied)");
    try (Database into = target.open(err());
        Database from = target.openSource(source, into, "copy", "the destination is", err())) {
      if (into.spec().environment() == EnvironmentClass.PRODUCTION) {
        throw new EngineException(EngineException.INVALID, "copy writes into '" + into.spec().name() + "', a "
            + "production target; copy into a staging or sandbox target");
      }
      refuseTables(into);
      SchemaCopy copy = new SchemaCopy(from, source.contains(":") ? source.substring(source.indexOf(':') + 1)
          : null);
      if (limit > 0) {
        copy = masking.plan(copy, err());
      }
      SchemaCopy.Result r = copy.into(into, limit);
      List<String> masked = copy.masking().map(m -> m.summary()).orElse(List.of());
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("source", from.spec().name());
        o.put("target", into.spec().name());
        o.put("tables", r.tables());
        o.put("rows", r.rows());
        o.put("masked", masked);
        o.put("notes", r.notes());
        o.put("proven", false);
        o.put("unproven", UNPROVEN);
        out().println(Json.pretty(o));
      } else {
        out().printf(Locale.ROOT, "Copied %s into %s: %d tables, %d rows%n", from.spec().name(), into.spec().name(),
            r.tables(), r.rows());
        masked.forEach(m -> out().println("  masked " + m));
        r.notes().forEach(n -> out().println("  note: " + n));
        out().println("  unproven: " + UNPROVEN);
      }
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new EngineException(EngineException.FAILED, "copy failed: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new EngineException(EngineException.FAILED, "copy failed: " + e.getMessage());
    }
  }

  /** A copy goes only into an empty schema (Backstep's own ledger tables aside). */
  private static void refuseTables(Database into) throws EngineException, SQLException {
    try (Connection c = into.connection()) {
      List<String> present = SchemaSnapshot.take(c, into.dialect(), into.schema()).tables().stream()
          .map(SchemaSnapshot.Table::name).filter(n -> !n.startsWith("backstep_")).toList();
      if (!present.isEmpty()) {
        throw new EngineException(EngineException.INVALID, "'" + into.spec().name() + "' already has tables ("
            + String.join(", ", present.subList(0, Math.min(5, present.size()))) + (present.size() > 5 ? ", ..."
            : "") + "); copy only into an empty schema");
      }
    }
  }
}
