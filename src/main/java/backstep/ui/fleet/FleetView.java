package backstep.ui.fleet;

import backstep.fleet.FleetStore;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The fleet page: a fleet run picker, the all-or-none decision as a banner, what happens after the canary, the
 * members as a grid of tiles (the canary first and marked), and the selected member's preflight, error and proof
 * with "Open its run". Re-reads the central ledger every two seconds while the fleet run on screen is unsettled
 * and the page is shown.
 */
public final class FleetView extends BorderPane {
  private static final Duration TICK = Duration.seconds(2);
  private final FleetController controller;
  private final FlowPane grid = new FlowPane(10, 10);
  private final Label detail = new Label("Pick a member to see its preflight, error and rollback proof.");
  private final Timeline tick;

  public FleetView(FleetController controller) {
    this.controller = controller;
    FleetModel model = controller.model();
    setId("fleet-page");
    ComboBox<FleetStore.FleetRun> runs = new ComboBox<>(model.runs());
    runs.setId("fleet-runs");
    runs.setPrefWidth(520);
    runs.setCellFactory(l -> new RunCell());
    runs.setButtonCell(new RunCell());
    model.runProperty().addListener((o, a, b) -> {
      if (runs.getValue() != b) {
        runs.setValue(b);
      }
    });
    runs.valueProperty().addListener((o, a, b) -> controller.pick(b));
    Button refresh = new Button("Refresh");
    refresh.setId("fleet-refresh");
    refresh.setOnAction(e -> controller.refresh());
    Label status = new Label();
    status.setId("fleet-status");
    status.textProperty().bind(model.messageProperty());
    Label label = new Label("Fleet run");
    label.setMinWidth(Region.USE_PREF_SIZE);
    refresh.setMinWidth(Region.USE_PREF_SIZE);
    // under the bar, wrapped: the message names the targets file, whose path alone can be wider than the window
    status.setWrapText(true);
    status.setMaxWidth(Double.MAX_VALUE);
    status.setMinHeight(Region.USE_PREF_SIZE);
    status.visibleProperty().bind(status.textProperty().isNotEmpty());
    status.managedProperty().bind(status.visibleProperty());
    runs.setMinWidth(200);
    HBox top = new HBox(10, label, runs, refresh);
    top.getStyleClass().add("fleet-bar");

    Label decision = new Label();
    decision.setId("fleet-decision");
    decision.setWrapText(true);
    decision.setMaxWidth(Double.MAX_VALUE);
    model.decisionProperty().addListener((o, a, d) -> {
      decision.getStyleClass().removeAll("tone-ok", "tone-wait", "tone-bad");
      decision.setText(d == null ? "" : d.words());
      if (d != null) {
        decision.getStyleClass().add("tone-" + d.tone().name().toLowerCase(java.util.Locale.ROOT));
      }
    });
    decision.getStyleClass().add("fleet-decision");
    Label hold = new Label();
    hold.setId("fleet-hold");
    hold.textProperty().bind(model.holdProperty());
    VBox head = new VBox(8, top, status, decision, hold);
    head.setPadding(new Insets(10, 12, 6, 12));
    setTop(head);

    grid.setId("fleet-grid");
    grid.setPadding(new Insets(6, 12, 12, 12));
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    setCenter(scroll);
    model.members().addListener((ListChangeListener<MemberRow>) c -> draw());
    model.selectedProperty().addListener((o, a, b) -> {
      draw();
      describe(b);
    });

    detail.setId("fleet-member-detail");
    detail.setWrapText(true);
    Button open = new Button("Open its run");
    open.setId("fleet-open-run");
    open.disableProperty().bind(model.selectedProperty().isNull());
    open.setMinWidth(Region.USE_PREF_SIZE);
    open.setOnAction(e -> controller.openMember(model.selectedProperty().get()));
    HBox bottom = new HBox(12, detail, open);
    HBox.setHgrow(detail, Priority.ALWAYS);
    detail.setMaxWidth(Double.MAX_VALUE);
    bottom.getStyleClass().add("fleet-detail");
    setBottom(bottom);
    tick = new Timeline(new KeyFrame(TICK, e -> {
      if (controller.live()) {
        controller.refresh();
      }
    }));
    tick.setCycleCount(Timeline.INDEFINITE);
  }

  /** Starts re-reading (the page is on screen) and reads now. */
  public void activate() {
    controller.refresh();
    tick.play();
  }

  public void deactivate() {
    tick.stop();
  }

  private void draw() {
    MemberRow sel = controller.model().selectedProperty().get();
    grid.getChildren().setAll(controller.model().members().stream().map(m -> {
      MemberTile t = new MemberTile(m, sel != null && sel.member().equals(m.member()));
      t.setOnMouseClicked(e -> {
        controller.model().selectedProperty().set(m);
        if (e.getClickCount() == 2) {
          controller.openMember(m);
        }
      });
      return t;
    }).toList());
  }

  private void describe(MemberRow m) {
    if (m == null) {
      detail.setText("Pick a member to see its preflight, error and rollback proof.");
      return;
    }
    StringBuilder s = new StringBuilder(m.member() + " — " + m.state() + " · run " + m.changeId());
    if (m.preflight() != null) {
      s.append("\npreflight: ").append(m.preflight());
    }
    if (m.error() != null) {
      s.append("\nerror: ").append(m.error());
    }
    if (m.proof() != null) {
      s.append("\nrollback: ").append(m.proof());
    }
    detail.setText(s.toString());
  }

  private static final class RunCell extends ListCell<FleetStore.FleetRun> {
    @Override
    protected void updateItem(FleetStore.FleetRun r, boolean empty) {
      super.updateItem(r, empty);
      setText(empty || r == null ? null : r.id() + " · " + r.group() + " · " + r.playbookId() + " · " + r.state());
    }
  }
}
