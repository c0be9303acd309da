package backstep.ui.trainer;

import backstep.ui.fx.Later;
import backstep.ui.shell.CellText;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A past run or drill attempt on its timeline: play / pause, speed, a scrub slider, the events as they happened
 * up to the position, and (for drill attempts) the workload p95 as it was.
 */
final class ReplayPane extends VBox {
  ReplayPane(TrainerController controller, Supplier<Replay> ledgerRun) {
    TrainerModel model = controller.model();
    getStyleClass().add("trainer-view");
    Label title = new Label();
    title.setId("replay-title");
    title.getStyleClass().add("run-title");
    title.textProperty().bind(model.replayProperty().map(r -> "Replay · " + r.title())
        .orElse("Replay: pick an attempt in a drill's history, or a run in the Ledger tab"));
    Label note = new Label();
    note.setId("replay-telemetry");
    note.getStyleClass().add("hint");
    note.textProperty().bind(model.replayProperty().map(Replay::telemetry).orElse(""));
    Button fromLedger = new Button("Replay the run selected in Ledger");
    fromLedger.setId("replay-ledger-run");
    fromLedger.getStyleClass().add("small");
    fromLedger.setOnAction(e -> {
      Replay r = ledgerRun.get();
      if (r != null) {
        controller.replay(r);
      }
    });
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(12, title, gap, fromLedger);

    Button play = new Button();
    play.setId("replay-play");
    play.getStyleClass().addAll("action", "action-primary");
    play.textProperty().bind(Bindings.when(model.playingProperty()).then("‖ Pause").otherwise("▶ Play"));
    play.setOnAction(e -> {
      if (model.playingProperty().get()) {
        controller.pause();
      } else {
        controller.play();
      }
    });
    play.disableProperty().bind(model.replayProperty().isNull());
    Button speed = new Button();
    speed.setId("replay-speed");
    speed.getStyleClass().addAll("action", "action-secondary");
    speed.textProperty().bind(model.speedProperty().asString("%d×"));
    speed.setOnAction(e -> controller.cycleSpeed());
    speed.setAccessibleText("Replay speed: click for the next speed");
    Slider slider = new Slider(0, 1000, 0);
    slider.setId("replay-slider");
    slider.maxProperty().bind(model.replayProperty().map(r -> (double) r.durationMs()).orElse(1000.0));
    slider.valueProperty().bindBidirectional(model.positionProperty());
    slider.disableProperty().bind(model.replayProperty().isNull());
    slider.setAccessibleText("Position in the replay");
    HBox.setHgrow(slider, Priority.ALWAYS);
    Label time = new Label();
    time.setId("replay-time");
    time.getStyleClass().add("figure-value");
    time.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "T+%.1f s / %.1f s",
        model.positionProperty().get() / 1000.0, model.replayProperty().get() == null ? 0.0
        : model.replayProperty().get().durationMs() / 1000.0), model.positionProperty(), model.replayProperty()));
    HBox controls = new HBox(10, play, speed, slider, time);
    controls.getStyleClass().add("action-bar");

    ListView<Replay.Event> events = new ListView<>(model.happened());
    events.setId("replay-events");
    events.getStyleClass().add("event-log");
    events.setPlaceholder(new Label("Nothing has happened yet at this point of the timeline."));
    events.setCellFactory(v -> new ListCell<>() {
      private final Label line = new Label();

      {
        CellText.wrap(line, this, 30); // at the list's width: a drill's briefing was one line 2669 px long
      }

      @Override
      protected void updateItem(Replay.Event e, boolean empty) {
        super.updateItem(e, empty);
        line.setText(empty || e == null ? null : e.clock() + "   " + e.kind() + " · " + e.source() + " · "
            + e.text());
        setGraphic(empty || e == null ? null : line);
        getStyleClass().remove("replay-event");
        if (!empty) {
          getStyleClass().add("replay-event");
        }
      }
    });
    model.happened().addListener((javafx.collections.ListChangeListener<Replay.Event>) c -> {
      if (!model.happened().isEmpty()) {
        events.scrollTo(model.happened().size() - 1);
      }
    });
    NumberAxis x = new NumberAxis();
    x.setLabel("s since start");
    x.setAutoRanging(false);
    x.setLowerBound(0);
    x.upperBoundProperty().bind(model.replayProperty().map(r -> Math.ceil(r.durationMs() / 1000.0)).orElse(10.0));
    x.setTickUnit(5);
    NumberAxis y = new NumberAxis();
    y.setLabel("p95 ms"); // "workload p95 ms" was longer than the plot at 1280×800; the note says whose p95
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("replay-chart");
    chart.getStyleClass().add("live-chart");
    chart.setCreateSymbols(false);
    chart.setAnimated(false);
    chart.setLegendVisible(false);
    chart.getData().add(model.p95());
    chart.setPrefHeight(230);
    chart.visibleProperty().bind(model.replayProperty().map(r -> !r.samples().isEmpty()).orElse(false));
    chart.managedProperty().bind(chart.visibleProperty());
    TimelineView timeline = new TimelineView(model.replayProperty(), model.positionProperty());
    VBox.setVgrow(events, Priority.ALWAYS);
    getChildren().addAll(head, note, controls);
    // the chart, the timeline and the events join the window a pulse each, after the rest (88 new nodes in one)
    Later.add(this, chart);
    Later.add(this, timeline);
    Later.add(this, events);
  }
}
