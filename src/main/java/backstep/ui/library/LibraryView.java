package backstep.ui.library;

import java.io.File;
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

/** The library: search filter, the playbooks of the folder (valid ones and ones with problems), Open folder… */
public final class LibraryView extends VBox {
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
    folder.textProperty().bind(model.folderProperty().map(p -> "Folder: " + p));

    // ControlsFX's clearable field: one click on its ✕ shows the whole library again
    TextField filter = TextFields.createClearableTextField();
    filter.setId("library-filter");
    filter.setPromptText("Filter playbooks…");
    filter.textProperty().bindBidirectional(model.filterProperty());

    ListView<PlaybookEntry> list = new ListView<>(model.shown());
    list.setId("library");
    list.getStyleClass().add("library-list");
    list.setCellFactory(v -> new Cell());
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

    getChildren().addAll(head, folder, filter, list, problem);
    setSpacing(6);
    VBox.setVgrow(list, Priority.ALWAYS);
  }

  private static final class Cell extends ListCell<PlaybookEntry> {
    private final Label icon = new Label();
    private final Label title = new Label();
    private final Label sub = new Label();
    private final HBox box;

    Cell() {
      title.setWrapText(true);
      title.setMinHeight(Region.USE_PREF_SIZE);
      listViewProperty().addListener((o, a, lv) -> {
        title.prefWidthProperty().unbind();
        if (lv != null) {
          title.prefWidthProperty().bind(lv.widthProperty().subtract(60));
          title.maxWidthProperty().bind(title.prefWidthProperty());
        }
      });
      icon.getStyleClass().add("lib-icon");
      title.getStyleClass().add("lib-title");
      sub.getStyleClass().add("hint");
      title.setMinWidth(0);
      sub.setMinWidth(0);
      VBox text = new VBox(1, title, sub);
      text.setMinWidth(0);
      box = new HBox(8, icon, text);
      box.getStyleClass().add("lib-row");
      setPrefWidth(0); // fit the list's width: long titles end in "…" instead of scrolling sideways
    }

    @Override
    protected void updateItem(PlaybookEntry item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      icon.setText(item.valid() ? "▤" : "✖");
      icon.getStyleClass().removeAll("state-failed");
      if (!item.valid()) {
        icon.getStyleClass().add("state-failed");
      }
      title.setText(item.title());
      sub.setText(item.subtitle());
      setTooltip(new javafx.scene.control.Tooltip(item.title() + "\n" + item.file()));
      setGraphic(box);
    }
  }
}
