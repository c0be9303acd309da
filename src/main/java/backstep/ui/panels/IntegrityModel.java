package backstep.ui.panels;

import backstep.engine.CheckOutcome;
import backstep.playbook.CheckSpec;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The integrity table's rows, one per playbook check: pending until the engine evaluates it, then the value before
 * the run, the value now, the expectation and pass/fail, replaced each time the check runs again (after a step,
 * after forward, after rollback). FX thread only: feed it from a {@code Drain}.
 */
public final class IntegrityModel {
  private final ObservableList<IntegrityRow> rows = FXCollections.observableArrayList();
  private final ObservableList<IntegrityRow> view = FXCollections.unmodifiableObservableList(rows);

  public ObservableList<IntegrityRow> rows() {
    return view;
  }

  /** Shows a playbook's checks, all pending (a new playbook, or a new run from a settled state). */
  public void reset(List<CheckSpec> checks) {
    rows.setAll(checks.stream().map(c -> new IntegrityRow(c.name(), "–", "–", expected(c),
        IntegrityRow.Status.PENDING, "", "evaluated " + when(c))).toList());
  }

  /** One evaluated check: replaces its row (or adds one for a check the table did not list). */
  public void accept(CheckOutcome o) {
    boolean baseline = "before".equals(o.phase()) && "baseline only".equals(o.expected());
    IntegrityRow.Status status = !o.passed() ? IntegrityRow.Status.FAIL
        : baseline ? IntegrityRow.Status.BASELINE : IntegrityRow.Status.PASS;
    int at = indexOf(o.name());
    String expected = baseline && at >= 0 ? rows.get(at).expected() : o.expected().startsWith("same as before (")
        && !o.expected().contains("no value") ? "same as before" : o.expected();
    String before = "before".equals(o.phase()) ? show(o.value()) : show(o.before());
    String phase = o.phase().replace('_', ' ') + (o.step() == null ? "" : " " + o.step());
    IntegrityRow row = new IntegrityRow(o.name(), before, show(o.value()), expected, status, phase,
        o.detail() == null ? "" : o.detail());
    if (at >= 0) {
      rows.set(at, row);
    } else {
      rows.add(row);
    }
  }

  public void clear() {
    rows.clear();
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
