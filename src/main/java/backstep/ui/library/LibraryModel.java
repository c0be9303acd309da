package backstep.ui.library;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import java.nio.file.Path;

/**
 * The playbook folder, its entries and its histories filtered by the search text, and the selection: one playbook
 * or one history, never both.
 */
public final class LibraryModel {
  private final ObservableList<PlaybookEntry> entries = FXCollections.observableArrayList();
  private final ObservableList<PlaybookEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
  private final FilteredList<PlaybookEntry> shown = new FilteredList<>(entries);
  private final ObservableList<HistoryEntry> histories = FXCollections.observableArrayList();
  private final ObservableList<HistoryEntry> historiesView = FXCollections.unmodifiableObservableList(histories);
  private final FilteredList<HistoryEntry> shownHistories = new FilteredList<>(histories);
  private final ReadOnlyObjectWrapper<HistoryEntry> selectedHistory = new ReadOnlyObjectWrapper<>();
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PlaybookEntry> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  public LibraryModel() {
    filter.addListener((o, a, b) -> {
      shown.setPredicate(e -> e.matches(b));
      shownHistories.setPredicate(h -> h.matches(b));
    });
  }

  /** The histories found under the folder (a folder holding {@code history.yaml}), filtered. */
  public ObservableList<HistoryEntry> shownHistories() {
    return shownHistories;
  }

  public ObservableList<HistoryEntry> histories() {
    return historiesView;
  }

  ObservableList<HistoryEntry> mutableHistories() {
    return histories;
  }

  public ReadOnlyObjectProperty<HistoryEntry> selectedHistoryProperty() {
    return selectedHistory.getReadOnlyProperty();
  }

  public HistoryEntry selectedHistory() {
    return selectedHistory.get();
  }

  void setSelectedHistory(HistoryEntry h) {
    selectedHistory.set(h);
  }

  public ObservableList<PlaybookEntry> shown() {
    return shown;
  }

  public ObservableList<PlaybookEntry> entries() {
    return entriesView;
  }

  ObservableList<PlaybookEntry> mutableEntries() {
    return entries;
  }

  /** The search text (bound to the filter field). */
  public StringProperty filterProperty() {
    return filter;
  }

  public ReadOnlyObjectProperty<Path> folderProperty() {
    return folder.getReadOnlyProperty();
  }

  void setFolder(Path p) {
    folder.set(p);
  }

  public ReadOnlyObjectProperty<PlaybookEntry> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  public PlaybookEntry selected() {
    return selected.get();
  }

  void setSelected(PlaybookEntry e) {
    selected.set(e);
  }

  /** Why the folder could not be read, or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  void setProblem(String p) {
    problem.set(p);
  }
}
