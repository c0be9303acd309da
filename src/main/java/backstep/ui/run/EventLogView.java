package backstep.ui.run;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.util.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The event log following the run: engine events, decisions, preflight, errors; newest at the bottom. */
public final class EventLogView extends VBox {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  public EventLogView(RunModel model) {
    getStyleClass().add("event-log-pane");
    Label header = new Label("EVENTS");
    header.getStyleClass().add("section-header");
    ListView<LogLine> list = new ListView<>(model.log());
    list.setId("event-log");
    list.getStyleClass().add("event-log");
    list.setPlaceholder(new Label("Preflight and run events appear here."));
    list.setCellFactory(v -> new Cell(list));
    // scroll once the list has taken the new lines in (on the next pulse), so the newest line is in view
    PauseTransition follow = new PauseTransition(Duration.millis(1));
    follow.setOnFinished(e -> list.scrollTo(model.log().size() - 1));
    model.log().addListener((ListChangeListener<LogLine>) c -> follow.playFromStart());
    VBox.setVgrow(list, Priority.ALWAYS);
    getChildren().addAll(header, list);
    setSpacing(6);
  }

  private static final class Cell extends ListCell<LogLine> {
    private final Label time = new Label();
    private final Label icon = new Label();
    private final Label text = new Label();
    private final HBox box = new HBox(6, time, icon, text);

    Cell(ListView<LogLine> list) {
      time.getStyleClass().add("log-time");
      icon.getStyleClass().add("log-icon");
      text.getStyleClass().add("log-text");
      text.setWrapText(true);
      text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
      text.maxWidthProperty().bind(list.widthProperty().subtract(110));
      text.prefWidthProperty().bind(text.maxWidthProperty());
      HBox.setHgrow(text, Priority.ALWAYS);
    }

    @Override
    protected void updateItem(LogLine line, boolean empty) {
      super.updateItem(line, empty);
      if (empty || line == null) {
        setGraphic(null);
        return;
      }
      time.setText(TIME.format(line.at()));
      icon.setText(line.level().icon());
      icon.getStyleClass().removeIf(c -> c.startsWith("log-") && !c.equals("log-icon"));
      icon.getStyleClass().add("log-" + line.level().name().toLowerCase(Locale.ROOT));
      text.setText(line.text());
      text.getStyleClass().removeIf(c -> c.startsWith("log-") && !c.equals("log-text"));
      text.getStyleClass().add("log-" + line.level().name().toLowerCase(Locale.ROOT));
      setGraphic(box);
    }
  }
}
