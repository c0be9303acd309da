package backstep.history;

import java.util.List;
import java.util.Optional;

/** The importers {@code backstep import} knows, by format name. */
public final class Importers {
  private Importers() {}

  public static List<Importer> all() {
    return List.of(new FlywayImporter(), new LiquibaseImporter(), new GolangMigrateImporter(),
        new SqitchImporter());
  }

  public static Optional<Importer> forFormat(String format) {
    return all().stream().filter(i -> i.format().equalsIgnoreCase(format)).findFirst();
  }

  /** The format names, for messages and help. */
  public static List<String> names() {
    return all().stream().map(Importer::format).toList();
  }
}
