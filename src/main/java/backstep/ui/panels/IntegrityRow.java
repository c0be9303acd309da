package backstep.ui.panels;

/**
 * One line of the integrity table: a playbook check, its value before the run, now, what is expected, and
 * whether it holds.
 *
 * @param phase where it was last evaluated ("before", "after step add-column", "after rollback"), "" if never
 * @param recorded the run whose ledger gave these values ("run CHG-… at 2026-11-23 04:12"), "" for values this
 *     console saw evaluated (or none yet)
 */
public record IntegrityRow(String check, String before, String now, String expected, Status status, String phase,
    String detail, String recorded) {

  public boolean fromLedger() {
    return !recorded.isEmpty();
  }

  /**
   * A check's state, with the icon and word the table shows next to its colour. PASS is a value the database
   * counted; PROVED a pass it proved without reading the rows (an orphan check behind an enforced PostgreSQL foreign
   * key), which must not look like a counted zero; SKIPPED a check that established nothing (no foreign keys).
   */
  public enum Status {
    PENDING("○", "pending"), BASELINE("◉", "baseline"), PASS("✔", "pass"), PROVED("≡", "proved"),
    SKIPPED("–", "skipped"), FAIL("✖", "fail");

    private final String icon;
    private final String word;

    Status(String icon, String word) {
      this.icon = icon;
      this.word = word;
    }

    public String label() {
      return icon + " " + word;
    }

    public String styleClass() {
      return "check-" + word;
    }
  }
}
