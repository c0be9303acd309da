package backstep.cli;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seed", mixinStandardHelpOptions = true, description = {
    "Create the demo shop schema with realistic rows on a target.",
    "Tables customers, orders and feature_flags, for the sample playbooks to change. The sandbox seeds",
    "itself on first start."})
final class SeedCommand extends BaseCommand {
  @Mixin
  TargetOptions target;

  @Option(names = "--replace", description = "Drop and recreate the demo tables if they exist.")
  boolean replace;

  @Override
  int run() throws InvalidFileException, EngineException {
    try (Database db = target.open(err()); Connection c = db.connection()) {
      DemoSchema.SeedResult r = DemoSchema.seed(c, db.dialect().jooq(), replace);
      out().printf(Locale.ROOT, "Seeded %s: %d customers, %d orders, %d feature flags in %.1f s%n", db.spec().name(),
          r.customers(), r.orders(), r.flags(), r.took().toMillis() / 1000.0);
      return ExitCodes.OK;
    } catch (IllegalStateException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    } catch (SQLException e) {
      throw new EngineException(EngineException.FAILED, "seeding failed: " + e.getMessage());
    }
  }
}
