package backstep.ui.shell;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The targets of targets.yaml plus the sandbox, and which one the console works on. */
public final class TargetsModel {
  private final ObservableList<TargetEntry> entries = FXCollections.observableArrayList();
  private final ObservableList<TargetEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
  private final ReadOnlyObjectWrapper<TargetEntry> current = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper fileProblem = new ReadOnlyStringWrapper("");

  public ObservableList<TargetEntry> entries() {
    return entriesView;
  }

  ObservableList<TargetEntry> mutableEntries() {
    return entries;
  }

  public ReadOnlyObjectProperty<TargetEntry> currentProperty() {
    return current.getReadOnlyProperty();
  }

  public TargetEntry current() {
    return current.get();
  }

  void setCurrent(TargetEntry e) {
    current.set(e);
  }

  /** Why targets.yaml could not be read (the sandbox still works), or empty. */
  public ReadOnlyStringProperty fileProblemProperty() {
    return fileProblem.getReadOnlyProperty();
  }

  void setFileProblem(String s) {
    fileProblem.set(s);
  }
}
