package backstep.ui.history;

import backstep.engine.HistoryRehearsal;
import backstep.ui.library.HistoryEntry;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The history page's state: the history shown, its migrations with their state on the current target, the walk in
 * progress, the last rehearsal's report, the message under the title, and for every action whether it is available
 * and why (not).
 */
public final class HistoryModel {
  /** How the message under the title is drawn. */
  public enum Tone {
    INFO, RUNNING, OK, ERROR
  }

  private final ReadOnlyObjectWrapper<HistoryEntry> entry = new ReadOnlyObjectWrapper<>();
  private final ObservableList<MigrationRow> rows = FXCollections.observableArrayList();
  private final ObservableList<MigrationRow> rowsView = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyStringWrapper targetName = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<HistoryAction> working = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<HistoryRehearsal.Report> report = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.INFO);
  private final ReadOnlyObjectWrapper<HistoryRange> range = new ReadOnlyObjectWrapper<>(HistoryRange.all(0));
  private final Map<HistoryAction, ReadOnlyBooleanWrapper> enabled = new EnumMap<>(HistoryAction.class);
  private final Map<HistoryAction, ReadOnlyStringWrapper> why = new EnumMap<>(HistoryAction.class);

  public HistoryModel() {
    for (HistoryAction a : HistoryAction.values()) {
      enabled.put(a, new ReadOnlyBooleanWrapper(false));
      why.put(a, new ReadOnlyStringWrapper(""));
    }
    busy.bind(working.isNotNull());
  }

  public ReadOnlyObjectProperty<HistoryEntry> entryProperty() {
    return entry.getReadOnlyProperty();
  }

  public HistoryEntry entry() {
    return entry.get();
  }

  void setEntry(HistoryEntry e) {
    entry.set(e);
  }

  /** The part of the history the walks take (the CLI's {@code --from} / {@code --to}). */
  public ReadOnlyObjectProperty<HistoryRange> rangeProperty() {
    return range.getReadOnlyProperty();
  }

  public HistoryRange range() {
    return range.get();
  }

  void setRange(HistoryRange r) {
    range.set(r);
  }

  /** The migrations in apply order. */
  public ObservableList<MigrationRow> rows() {
    return rowsView;
  }

  ObservableList<MigrationRow> mutableRows() {
    return rows;
  }

  public ReadOnlyStringProperty targetNameProperty() {
    return targetName.getReadOnlyProperty();
  }

  void setTargetName(String n) {
    targetName.set(n);
  }

  /** The walk in progress, or null. */
  public ReadOnlyObjectProperty<HistoryAction> workingProperty() {
    return working.getReadOnlyProperty();
  }

  /** Whether a walk is in progress (the console locks the target list and the run view meanwhile). */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  void setWorking(HistoryAction a) {
    working.set(a);
  }

  /** The last rehearsal of the shown history in this console, or null. */
  public ReadOnlyObjectProperty<HistoryRehearsal.Report> reportProperty() {
    return report.getReadOnlyProperty();
  }

  void setReport(HistoryRehearsal.Report r) {
    report.set(r);
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Tone> toneProperty() {
    return tone.getReadOnlyProperty();
  }

  void say(Tone t, String text) {
    tone.set(t);
    message.set(text);
  }

  public ReadOnlyBooleanProperty enabledProperty(HistoryAction a) {
    return enabled.get(a).getReadOnlyProperty();
  }

  public boolean enabled(HistoryAction a) {
    return enabled.get(a).get();
  }

  /** What the action will do, or why it is not available. */
  public ReadOnlyStringProperty whyProperty(HistoryAction a) {
    return why.get(a).getReadOnlyProperty();
  }

  void setAvailability(Map<HistoryAction, HistoryPolicy.Availability> m) {
    m.forEach((a, v) -> {
      why.get(a).set(v.why());
      enabled.get(a).set(v.enabled());
    });
  }
}
