package backstep.history;

import backstep.playbook.YamlObject;
import java.util.Optional;

/**
 * What a changelog reader needs from the import around it: the changelog's name for messages and migrations, where
 * its problems go, and the text of a {@code sqlFile} it names.
 *
 * @param file the changelog, relative to the project root
 */
record LiquibaseSources(String file, YamlObject.Problems problems, SqlFiles sqlFiles) {

  /** Reads the file a {@code sqlFile} change names. */
  interface SqlFiles {
    /**
     * The file's text, or empty after reporting a problem at {@code line} (missing, unreadable).
     *
     * @param relative {@code relativeToChangelogFile}
     */
    Optional<String> read(String path, boolean relative, int line);
  }

  void problem(int line, int column, String message) {
    problems.add(line, Math.max(1, column), "", message);
  }
}
