package backstep.history;

/**
 * One SQL change of a Liquibase changeset, or of its rollback: a formatted SQL changeset's text, a {@code sql} change
 * or a {@code sqlFile} change, with the options that decide how Liquibase splits it.
 *
 * @param sql the text as written (properties not yet expanded; for {@code sqlFile} the file's content)
 * @param fromFile whether it came from a {@code sqlFile} (Liquibase checksums a file's text before expanding
 *     properties, inline SQL after)
 * @param line where the change starts in its changelog
 * @param dbms the change's own {@code dbms} filter, or null
 */
record LiquibaseChange(String sql, boolean fromFile, int line, Options options, String dbms) {

  /**
   * @param split {@code splitStatements} (default true)
   * @param endDelimiter {@code endDelimiter}, or null for Liquibase's default ({@code ;}, {@code GO} and {@code /}
   *     lines)
   * @param stripComments {@code stripComments} (default false)
   */
  record Options(boolean split, String endDelimiter, boolean stripComments) {
    static final Options DEFAULT = new Options(true, null, false);
  }
}
