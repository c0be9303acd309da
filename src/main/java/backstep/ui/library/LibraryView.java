package backstep.ui.library;

import backstep.ui.shell.CellText;
import java.io.File;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.controlsfx.control.textfield.TextFields;

/**
 * The library: search filter, the playbooks of the folder (valid ones and ones with problems), the histories found
 * under it (each one entry: a folder whose {@code history.yaml} orders its playbooks), Open folder…
 */
public final class LibraryView extends VBox {
  /** A history's row in the library: its title, then its name, size and source, each on up to two lines. */
  private static final double HISTORY_ROW = 86;

  public LibraryView(LibraryController controller) {
    LibraryModel model = controller.model();
    getStyleClass().add("sidebar-section");
    Label header = new Label("LIBRARY");
    header.getStyleClass().add("section-header");
    Button openFolder = new Button("Open folder…");
    openFolder.setId("open-folder");
    openFolder.getStyleClass().addAll("small", "flat");
    openFolder.setTooltip(new Tooltip("Choose another folder of playbooks"));
    openFolder.setOnAction(e -> {
      DirectoryChooser chooser = new DirectoryChooser();
      chooser.setTitle("Open a folder of playbooks");
      if (model.folderProperty().get() != null && model.folderProperty().get().toFile().isDirectory()) {
        chooser.setInitialDirectory(model.folderProperty().get().toAbsolutePath().toFile());
      }
      File dir = chooser.showDialog(getScene().getWindow());
      if (dir != null) {
        controller.open(dir.toPath());
      }
    });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(header, gap, openFolder);
    head.getStyleClass().add("section-head");

    Label folder = new Label();
    folder.setId("library-folder");
    folder.getStyleClass().add("hint");
    folder.setWrapText(true);
    folder.setMinHeight(Region.USE_PREF_SIZE);
    // the folder's name only, the whole path in the tooltip: a long path on three wrapped lines left the playbook
    // list one and a half rows at 1280×800
    folder.textProperty().bind(model.folderProperty().map(p -> "Folder: "
        + (p.getFileName() == null ? p : p.getFileName())));
    Tooltip path = new Tooltip();
    path.textProperty().bind(model.folderProperty().map(p -> p.toAbsolutePath().toString()));
    folder.setTooltip(path);

    // ControlsFX's clearable field: one click on its ✕ shows the whole library again
    TextField filter = TextFields.createClearableTextField();
    filter.setId("library-filter");
    filter.setPromptText("Filter playbooks…");
    filter.textProperty().bindBidirectional(model.filterProperty());

    ListView<PlaybookEntry> list = new ListView<>(model.shown());
    list.setId("library");
    list.getStyleClass().add("library-list");
    list.setCellFactory(v -> new Cell<>(PlaybookEntry::valid, "▤", PlaybookEntry::title, PlaybookEntry::subtitle,
        e -> e.title() + "\n" + e.file()));
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != model.selected()) {
        controller.select(b);
      }
    });
    model.selectedProperty().addListener((o, a, b) -> {
      if (list.getSelectionModel().getSelectedItem() != b) {
        list.getSelectionModel().select(b);
      }
    });
    Label problem = new Label();
    problem.getStyleClass().add("hint");
    problem.setWrapText(true);
    problem.textProperty().bind(model.problemProperty());
    problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
    problem.managedProperty().bind(problem.visibleProperty());

    getChildren().addAll(head, folder, filter, list, histories(controller), problem);
    setSpacing(6);
    VBox.setVgrow(list, Priority.ALWAYS);
  }

  /** The histories: a short list under the playbooks, shown when the folder has any. */
  private static VBox histories(LibraryController controller) {
    LibraryModel model = controller.model();
    Label header = new Label("HISTORIES");
    header.getStyleClass().add("section-header");
    ListView<HistoryEntry> list = new ListView<>(model.shownHistories());
    list.setId("library-histories");
    list.getStyleClass().add("library-list");
    list.setCellFactory(v -> new Cell<>(HistoryEntry::valid, "☰", HistoryEntry::title, HistoryEntry::subtitle,
        h -> h.title() + "\n" + h.folder() + "\nApply, roll back or rehearse it as one ordered change set"));
    list.setFixedCellSize(HISTORY_ROW);
    // as tall as its rows, up to three (a long list scrolls): the playbooks above keep the room
    list.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> Math.max(1, Math.min(3,
        model.shownHistories().size())) * HISTORY_ROW + 4, model.shownHistories()));
    list.setMinHeight(Region.USE_PREF_SIZE);
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != model.selectedHistory()) {
        controller.selectHistory(b);
      }
    });
    model.selectedHistoryProperty().addListener((o, a, b) -> {
      if (list.getSelectionModel().getSelectedItem() != b) {
        if (b == null) {
          list.getSelectionModel().clearSelection();
        } else {
          list.getSelectionModel().select(b);
        }
      }
    });
    VBox box = new VBox(4, header, list);
    box.setId("library-histories-section");
    box.visibleProperty().bind(Bindings.isNotEmpty(model.histories()));
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  /** A library row: icon (✖ when the file has problems), bold title, a muted line under it. */
  private static final class Cell<T> extends ListCell<T> {
    private final Predicate<T> valid;
    private final String validIcon;
    private final Function<T, String> titleOf;
    private final Function<T, String> subtitleOf;
    private final Function<T, String> tooltipOf;
    private final Label icon = new Label();
    private final Label title = new Label();
    private final Label sub = new Label();
    private final HBox box;

    Cell(Predicate<T> valid, String validIcon, Function<T, String> titleOf, Function<T, String> subtitleOf,
        Function<T, String> tooltipOf) {
      this.valid = valid;
      this.validIcon = validIcon;
      this.titleOf = titleOf;
      this.subtitleOf = subtitleOf;
      this.tooltipOf = tooltipOf;
      CellText.wrap(title, this, 60);
      icon.getStyleClass().add("lib-icon");
      title.getStyleClass().add("lib-title");
      sub.getStyleClass().add("hint");
      CellText.wrap(sub, this, 60); // "add-email-verified · v3 · 6 steps" in full, on two lines if need be
      VBox text = new VBox(1, title, sub);
      text.setMinWidth(0);
      box = new HBox(8, icon, text);
      box.getStyleClass().add("lib-row");
      setPrefWidth(0); // fit the list's width: long titles wrap instead of scrolling sideways
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      boolean ok = valid.test(item);
      icon.setText(ok ? validIcon : "✖");
      icon.getStyleClass().removeAll("state-failed");
      if (!ok) {
        icon.getStyleClass().add("state-failed");
      }
      title.setText(titleOf.apply(item));
      sub.setText(subtitleOf.apply(item));
      setTooltip(new Tooltip(tooltipOf.apply(item)));
      setGraphic(box);
    }
  }
}
