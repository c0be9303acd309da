package backstep.playbook;

import java.util.List;

/**
 * A recovery point: before a destructive step, copy the rows it will touch ({@code columns} of {@code table},
 * optionally only those {@code where} selects) into a recovery table, verified by row count and checksum. Later
 * steps' rollback SQL restores from it as {@code ${recovery.<this step's id>}}. The copy is kept after rollback
 * and dropped only by {@code backstep recovery drop}.
 *
 * @param key the columns that identify a row, so a restore can join back
 * @param columns the columns to keep besides the key; empty for all
 */
public record SnapshotStep(String id, String title, String intent, String table, List<String> key,
    List<String> columns, String where, int line) implements Step {
  @Override
  public String kind() {
    return "snapshot";
  }

  @Override
  public boolean changesDatabase() {
    return true;
  }
}
