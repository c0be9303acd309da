package backstep.ui.history;

/** What the history page offers; each is a walk over the whole history, one at a time. */
public enum HistoryAction {
  APPLY("applying", "being applied"), ROLLBACK("rolling back", "being rolled back"),
  REHEARSE("rehearsing", "being rehearsed");

  private final String doing;
  private final String done;

  HistoryAction(String doing, String done) {
    this.doing = doing;
    this.done = done;
  }

  /** "being applied": what is happening to the history. */
  public String happening() {
    return done;
  }

  /** In words, while it runs: "applying". */
  public String doing() {
    return doing;
  }
}
