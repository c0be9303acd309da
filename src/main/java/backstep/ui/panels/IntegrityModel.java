package backstep.ui.panels;

import backstep.engine.CheckOutcome;
import backstep.playbook.CheckSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The integrity table's rows, one per playbook check: pending until the engine evaluates it, then the value before
 * the run, the value now, the expectation and pass/fail, replaced each time the check runs again (after a step,
 * after forward, after rollback). Rows still pending can be filled from the ledger ({@link #showRecorded}): they
 * say which run they come from, and a fresh evaluation replaces them. FX thread only: feed it from a {@code Drain}.
 */
public final class IntegrityModel {
  private final ObservableList<IntegrityRow> rows = FXCollections.observableArrayList();
  private final ObservableList<IntegrityRow> view = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");

  public ObservableList<IntegrityRow> rows() {
    return view;
  }

  /**
   * Where rows come from when not from this console's own evaluation: "from run CHG-… at …" while rows read from
   * the ledger are shown, "ledger not read: …" when reading failed, else "".
   */
  public ReadOnlyStringProperty sourceProperty() {
    return source.getReadOnlyProperty();
  }

  /** Shows a playbook's checks, all pending (a new playbook, or a new run from a settled state). */
  public void reset(List<CheckSpec> checks) {
    rows.setAll(checks.stream().map(c -> new IntegrityRow(c.name(), "–", "–", expected(c),
        IntegrityRow.Status.PENDING, "", "evaluated " + when(c), "")).toList());
    source.set("");
  }

  /** One evaluated check: replaces its row (or adds one for a check the table did not list). */
  public void accept(CheckOutcome o) {
    put(o, "", true);
    if (rows.stream().noneMatch(IntegrityRow::fromLedger)) {
      source.set("");
    }
  }

  /**
   * Fills the rows still pending with what the ledger recorded: {@code outcomes} in order (the last of each check
   * wins), from {@code run} ("run CHG-… at 2026-11-23 04:12"). Checks the table does not list are left out (the
   * run was of another version), and a row already evaluated is never overwritten.
   */
  public void showRecorded(String run, List<CheckOutcome> outcomes) {
    Map<String, CheckOutcome> last = new LinkedHashMap<>();
    outcomes.forEach(o -> last.put(o.name(), o));
    boolean any = false;
    for (CheckOutcome o : last.values()) {
      int at = indexOf(o.name());
      if (at >= 0 && rows.get(at).status() == IntegrityRow.Status.PENDING) {
        put(o, run, false);
        any = true;
      }
    }
    if (any) {
      source.set("from " + run);
    }
  }

  /** Reading the ledger failed: the rows stay pending and the table says why. */
  public void recordedUnavailable(String why) {
    source.set("ledger not read: " + why);
  }

  private void put(CheckOutcome o, String recorded, boolean addMissing) {
    String declared = o.expected() == null ? "" : o.expected();
    boolean baseline = "before".equals(o.phase()) && "baseline only".equals(declared);
    IntegrityRow.Status status = !o.passed() ? IntegrityRow.Status.FAIL
        : baseline ? IntegrityRow.Status.BASELINE : switch (o.basis()) {
          case COUNTED -> IntegrityRow.Status.PASS;
          case PROVED -> IntegrityRow.Status.PROVED;
          case SKIPPED -> IntegrityRow.Status.SKIPPED;
        };
    int at = indexOf(o.name());
    String expected = baseline && at >= 0 ? rows.get(at).expected() : declared.startsWith("same as before (")
        && !declared.contains("no value") ? "same as before" : declared;
    String before = "before".equals(o.phase()) ? show(o.value()) : show(o.before());
    String phase = o.phase().replace('_', ' ') + (o.step() == null ? "" : " " + o.step());
    IntegrityRow row = new IntegrityRow(o.name(), before, show(o.value()), expected, status, phase,
        o.detail() == null ? "" : o.detail(), recorded);
    if (at >= 0) {
      rows.set(at, row);
    } else if (addMissing) {
      rows.add(row);
    }
  }

  public void clear() {
    rows.clear();
    source.set("");
  }

  private int indexOf(String name) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).check().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String show(String v) {
    return v == null ? "–" : v.length() > 24 ? v.substring(0, 10) + "…" + v.substring(v.length() - 8) : v;
  }

  private static String expected(CheckSpec c) {
    return c.sameAsBefore() ? "same as before" : c.expect() == null ? "" : c.expect().describe();
  }

  private static String when(CheckSpec c) {
    return c.when().isEmpty() ? "before the run (baseline)" : String.join(", ", c.when().stream()
        .map(p -> p.key().replace('_', ' ')).sorted().toList());
  }
}
