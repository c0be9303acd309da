package backstep.playbook;

/** A checklist item an operator ticks; who ticked it and when goes to the ledger. */
public record ManualStep(String id, String title, String intent, String instruction, String rollbackInstruction,
    int line)
    implements Step {
  @Override
  public String kind() {
    return "manual";
  }
}
