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

/** The playbook folder, its entries filtered by the search text, and the selected entry. */
public final class LibraryModel {
  private final ObservableList<PlaybookEntry> entries = FXCollections.observableArrayList();
  private final ObservableList<PlaybookEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
  private final FilteredList<PlaybookEntry> shown = new FilteredList<>(entries);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<PlaybookEntry> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  public LibraryModel() {
    filter.addListener((o, a, b) -> shown.setPredicate(e -> e.matches(b)));
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
