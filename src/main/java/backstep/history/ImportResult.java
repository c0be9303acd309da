package backstep.history;

import backstep.playbook.DialectFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What an importer read from a project: its migrations in the order the tool applies them, and what it could not
 * bring over.
 *
 * @param format {@code flyway}, {@code liquibase}, {@code golang-migrate} or {@code sqitch}
 * @param source the project folder or changelog file that was read
 * @param name a name for the history (the project's, or the folder's)
 * @param dialects the SQL families the migrations are written for
 * @param migrations in apply order
 * @param notImported each thing that is not in the playbooks, as {@code file:line: what and why} (a Liquibase
 *     change type without SQL, a Sqitch change of another engine)
 * @param warnings what was imported but needs a person's eye ({@code ${…}} placeholders, preconditions)
 */
public record ImportResult(
    String format,
    Path source,
    String name,
    Set<DialectFamily> dialects,
    List<Migration> migrations,
    List<String> notImported,
    List<String> warnings) {

  public ImportResult {
    dialects = Set.copyOf(dialects);
    migrations = List.copyOf(migrations);
    notImported = List.copyOf(notImported);
    warnings = List.copyOf(warnings);
  }
}
