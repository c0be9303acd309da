package backstep.ui.drill;

import backstep.ui.shell.CellText;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The fault schedule: planned faults greyed, fired ones red with their time, undone ones amber (icon and word). */
final class FaultTimelineView extends ListView<FaultRow> {
  FaultTimelineView(DrillModel model) {
    super(model.faults());
    setId("drill-faults");
    getStyleClass().add("drill-faults");
    Label none = new Label("This drill schedules no fault: its incident is the change itself.");
    none.setWrapText(true);
    setPlaceholder(none);
    setCellFactory(v -> new Cell());
    // a drill schedules a few faults, each a few wrapped lines: all of them whole, up to about four
    CellText.fitRows(this, 60, 320);
  }

  private static final class Cell extends ListCell<FaultRow> {
    private final Label icon = new Label();
    private final Label kind = new Label();
    private final Label when = new Label();
    private final Label detail = new Label();
    private final HBox box;
    private final javafx.beans.value.ChangeListener<FaultRow.State> onState = (o, a, b) -> style(b);
    private FaultRow shown;

    Cell() {
      icon.getStyleClass().add("state-icon");
      kind.getStyleClass().add("fault-kind");
      when.getStyleClass().add("hint");
      detail.getStyleClass().add("hint");
      CellText.wrap(detail, this, 56);
      VBox text = new VBox(1, kind, when, detail);
      CellText.wrap(kind, this, 56);
      CellText.wrap(when, this, 56); // "before step 'backfill' · planned" in full
      text.setMinWidth(0);
      box = new HBox(8, icon, text);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(FaultRow f, boolean empty) {
      super.updateItem(f, empty);
      kind.textProperty().unbind();
      when.textProperty().unbind();
      detail.textProperty().unbind();
      icon.textProperty().unbind();
      if (shown != null) {
        shown.stateProperty().removeListener(onState);
        shown = null;
      }
      if (empty || f == null) {
        setGraphic(null);
        return;
      }
      kind.setText(f.spec().kind().key().replace('_', ' '));
      String timing = f.spec().timing().describe() + (f.spec().duration() == null ? ""
          : " for " + f.spec().duration().toMillis() / 1000.0 + " s");
      when.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> timing + " · "
          + (f.whenProperty().get().isEmpty() ? f.stateProperty().get().words : f.whenProperty().get()),
          f.whenProperty(), f.stateProperty()));
      detail.textProperty().bind(f.detailProperty());
      icon.textProperty().bind(f.stateProperty().map(s -> s.icon));
      shown = f;
      f.stateProperty().addListener(onState);
      style(f.state());
      setGraphic(box);
    }

    private void style(FaultRow.State s) {
      getStyleClass().removeAll("fault-planned", "fault-fired", "fault-undone", "fault-failed");
      getStyleClass().add("fault-" + s.name().toLowerCase(java.util.Locale.ROOT));
    }
  }
}
