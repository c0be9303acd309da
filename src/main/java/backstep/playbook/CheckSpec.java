package backstep.playbook;

import java.util.List;
import java.util.Set;

/**
 * A measurable signal a playbook declares: evaluated in the database before the run (to record a baseline) and in
 * the phases listed in {@code when}. A failed check stops the run; with {@code onFail: rollback} it also rolls it
 * back.
 *
 * @param table the table of row_count, checksum, duplicates, nulls and a single orphan check
 * @param columns key columns (duplicates, orphans) or the one column (nulls)
 * @param refTable and {@code refColumns}: the parent of an explicit orphan check; null for {@code orphans: all}
 * @param sql the query of a custom check
 * @param expect the expectation, or null when {@code sameAsBefore}
 * @param fullScan orphans only: count them even where an enforced foreign key proves there are none
 */
public record CheckSpec(
    String name,
    Kind kind,
    String table,
    List<String> columns,
    String refTable,
    List<String> refColumns,
    SqlText sql,
    Expectation expect,
    boolean sameAsBefore,
    Set<Phase> when,
    boolean rollbackOnFail,
    boolean fullScan,
    int line) {

  public enum Kind { ROW_COUNT, CHECKSUM, DUPLICATES, ORPHANS, NULLS, SQL }

  /** When a check is evaluated. BEFORE always runs (it records the baseline); it blocks only if listed. */
  public enum Phase {
    BEFORE, AFTER_STEP, AFTER_FORWARD, AFTER_ROLLBACK;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean in(Phase p) {
    return when.contains(p);
  }
}
