package backstep.ui.ledger;

import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The ledger of the current target: its runs (filtered), the selected run in full, and the hash-chain check. */
public final class LedgerModel {
  private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
  private final FilteredList<RunRecord> shown = new FilteredList<>(runs);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<RunRecord> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<LedgerReader.RunDetail> detail = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Ledger.ChainCheck> chain = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("ledger: –");

  public LedgerModel() {
    filter.addListener((o, a, b) -> shown.setPredicate(r -> matches(r, b)));
  }

  static boolean matches(RunRecord r, String f) {
    if (f == null || f.isBlank()) {
      return true;
    }
    String q = f.trim().toLowerCase(Locale.ROOT);
    return (r.changeId() + " " + r.playbookId() + " " + r.state() + " " + r.operator() + " " + r.approver())
        .toLowerCase(Locale.ROOT).replace('_', ' ').contains(q);
  }

  public ObservableList<RunRecord> shown() {
    return shown;
  }

  ObservableList<RunRecord> mutableRuns() {
    return runs;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ReadOnlyObjectProperty<RunRecord> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  void setSelected(RunRecord r) {
    selected.set(r);
  }

  public ReadOnlyObjectProperty<LedgerReader.RunDetail> detailProperty() {
    return detail.getReadOnlyProperty();
  }

  void setDetail(LedgerReader.RunDetail d) {
    detail.set(d);
  }

  public ReadOnlyObjectProperty<Ledger.ChainCheck> chainProperty() {
    return chain.getReadOnlyProperty();
  }

  void setChain(Ledger.ChainCheck c) {
    chain.set(c);
  }

  public ReadOnlyStringProperty targetProperty() {
    return target.getReadOnlyProperty();
  }

  void setTarget(String t) {
    target.set(t);
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  void setLoading(boolean b) {
    loading.set(b);
  }

  /** The last thing the ledger browser has to say (an export written, a read that failed). */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  void setMessage(String m) {
    message.set(m);
  }

  /** For the status bar: "ledger: 3 runs · chain intact". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  void setSummary(String s) {
    summary.set(s);
  }
}
