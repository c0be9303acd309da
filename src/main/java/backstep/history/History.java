package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered change set: the playbooks a {@code history.yaml} lists, each one migration, applied in order and rolled
 * back newest first. Each playbook keeps its own runs in the ledger; the history only orders them.
 *
 * @param file the history file
 * @param id the history's name ({@code history:})
 * @param dialects the families it declares (empty: every family its playbooks run on)
 * @param notImported what an import could not bring over, as written in the file
 * @param warnings what an import wants a person to look at
 */
public record History(Path file, String id, String title, Set<DialectFamily> dialects, List<Playbook> migrations,
    List<String> notImported, List<String> warnings) {

  public History {
    dialects = Set.copyOf(dialects);
    migrations = List.copyOf(migrations);
    notImported = List.copyOf(notImported);
    warnings = List.copyOf(warnings);
  }

  /**
   * The index of the migration named {@code ref}: a playbook id, or the version its {@code origin:} records
   * (Flyway {@code 1.10}, a Sqitch change name).
   */
  public Optional<Integer> indexOf(String ref) {
    for (int i = 0; i < migrations.size(); i++) {
      Playbook p = migrations.get(i);
      if (p.id().equals(ref) || p.origin().version().equals(ref)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  /** The migration named {@code ref}'s version as its source tool knows it, or its playbook id. */
  public static String name(Playbook p) {
    return p.origin().version().isEmpty() ? p.id() : p.origin().version();
  }
}
