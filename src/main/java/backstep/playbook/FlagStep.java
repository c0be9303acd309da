package backstep.playbook;

/**
 * Flips a feature toggle stored in a table of the target (deployment decoupled from activation). The engine
 * records the value it found, and rollback restores exactly that (deleting the row if there was none).
 */
public record FlagStep(
    String id, String title, String intent, String flag, boolean value, String table, String keyColumn,
    String valueColumn, int line)
    implements Step {
  @Override
  public String kind() {
    return "flag";
  }
}
