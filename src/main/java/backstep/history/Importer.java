package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads another tool's migrations. Reads files only; a malformed source is an {@link InvalidFileException} naming
 * file, line and what is wrong, and nothing is written.
 */
public interface Importer {
  /** The format's name on the command line: flyway, liquibase, golang-migrate or sqitch. */
  String format();

  /**
   * Reads the project at {@code source} (a folder, or a changelog file where the format has one).
   *
   * @param dialect the SQL family the user named with {@code --dialect}; empty to take it from the source (a
   *     Flyway per-dialect folder, a Liquibase {@code dbms:}, Sqitch's engine). When neither says, the importer
   *     stops and asks for {@code --dialect}.
   */
  ImportResult read(Path source, Optional<DialectFamily> dialect) throws InvalidFileException;
}
