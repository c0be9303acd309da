package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlSplitter;
import java.util.List;
import java.util.Map;

/**
 * One migration read from another tool's project, before it becomes a playbook. SQL is kept per SQL family, as
 * text Backstep's splitter reads the way the tool would send it (an importer rewrites a tool's own delimiter
 * conventions, such as Liquibase's {@code endDelimiter}, into {@code DELIMITER} lines or plain {@code ;}).
 *
 * @param version the version or change name as the tool orders and records it (Flyway {@code 1.10}, golang-migrate
 *     {@code 20240101120000}, a Liquibase changeset {@code author:id}, a Sqitch change {@code name} or
 *     {@code name@tag} for a reworked one)
 * @param description the tool's description, in words
 * @param file the source file, relative to the imported project's root
 * @param line the line of {@code file} the migration starts on (1 for a whole file)
 * @param author who wrote it, where the format says; empty otherwise
 * @param checksum the tool's own checksum as it stores it in its table ({@code crc32:…}, {@code md5:…},
 *     {@code sha1:…}), or {@code sha256:…} of the up text where the tool keeps none
 * @param repeatable a Flyway repeatable ({@code R__}): never undone
 * @param up the forward SQL per family; never empty
 * @param down the rollback SQL per family; a family missing here (or written blank) means the migration has no
 *     down for it: the playbook gets {@code rollback_mode: none} and {@code lint} reports BS017
 * @param verify read-only verify queries per family, each one query (Sqitch's {@code verify/} scripts); empty when
 *     the format has none, and then the engine proves the step by its effect
 * @param notes what the reader wants a person to know about this migration: placeholders, preconditions, options
 *     Backstep does not act on
 */
public record Migration(
    String version,
    String description,
    String file,
    int line,
    String author,
    String checksum,
    boolean repeatable,
    Map<DialectFamily, String> up,
    Map<DialectFamily, String> down,
    Map<DialectFamily, List<String>> verify,
    List<String> notes) {

  public Migration {
    up = Map.copyOf(up);
    down = Map.copyOf(down);
    verify = Map.copyOf(verify);
    notes = List.copyOf(notes);
    author = author == null ? "" : author;
    description = description == null ? "" : description;
  }

  /** Whether some family that has an up has no down, or one without a statement (blank, or only comments). */
  public boolean missingDown() {
    return up.keySet().stream().anyMatch(f -> noStatement(down.getOrDefault(f, ""), f));
  }

  private static boolean noStatement(String sql, DialectFamily f) {
    if (sql.isBlank()) {
      return true;
    }
    try {
      return SqlSplitter.split(sql, f).isEmpty();
    } catch (IllegalArgumentException e) {
      return false; // unterminated quote or comment: let validate say where
    }
  }
}
