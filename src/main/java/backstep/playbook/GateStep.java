package backstep.playbook;

/** A decision point: an explicit confirmation, or with {@code approval} a second person's approval. */
public record GateStep(String id, String title, String intent, String prompt, boolean approval, int line)
    implements Step {
  @Override
  public String kind() {
    return "gate";
  }
}
