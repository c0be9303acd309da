package backstep.ui.drill;

import backstep.drill.TimelineEvent;
import backstep.state.StepState;
import java.util.Locale;
import backstep.ui.shell.CellText;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The drill view's two simple lists: the playbook's checklist and the drill's event timeline. */
final class DrillLists {
  private DrillLists() {}

  static ListView<StepLine> checklist(DrillModel model) {
    ListView<StepLine> list = new ListView<>(model.steps());
    list.setId("drill-steps");
    list.getStyleClass().add("drill-steps");
    list.setCellFactory(v -> new ListCell<>() {
      private final Label icon = new Label();
      private final Label title = new Label();
      private final Label detail = new Label();
      private final HBox box = new HBox(8, icon, new javafx.scene.layout.VBox(0, title, detail));
      private final javafx.beans.InvalidationListener onChange = o -> show(getItem());

      {
        icon.getStyleClass().add("state-icon");
        detail.getStyleClass().add("hint");
        CellText.wrap(title, this, 56); // a step's title in full: wrapped, never "…"
        CellText.wrap(detail, this, 56);
        setPrefWidth(0);
      }

      @Override
      protected void updateItem(StepLine s, boolean empty) {
        StepLine old = getItem();
        if (old != null) {
          old.stateProperty().removeListener(onChange);
          old.detailProperty().removeListener(onChange);
        }
        super.updateItem(s, empty);
        if (empty || s == null) {
          setGraphic(null);
          return;
        }
        s.stateProperty().addListener(onChange);
        s.detailProperty().addListener(onChange);
        show(s);
        setGraphic(box);
      }

      private void show(StepLine s) {
        if (s == null) {
          return;
        }
        StepState st = s.state();
        icon.setText(st.icon());
        icon.getStyleClass().setAll("state-icon", "state-" + st.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        title.setText((s.index() + 1) + " " + s.step().title() + "  (" + s.step().kind() + ")");
        detail.setText(st == StepState.PENDING ? "" : st.words() + (s.detailProperty().get().isEmpty() ? ""
            : " · " + s.detailProperty().get()));
      }
    });
    list.setPrefHeight(150);
    list.setMinHeight(70);
    return list;
  }

  static ListView<TimelineEvent> timeline(DrillController controller) {
    ListView<TimelineEvent> list = new ListView<>(controller.model().timeline());
    list.setId("drill-timeline");
    list.getStyleClass().add("event-log");
    list.setPlaceholder(new Label("The timeline starts with Start drill."));
    list.setMinHeight(110); // four lines or so: the column scrolls rather than squeeze it to one line
    list.setCellFactory(v -> new ListCell<>() {
      private final Label time = new Label();
      private final Label text = new Label();
      private final HBox box = new HBox(8, time, text);

      {
        time.getStyleClass().add("log-time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        CellText.wrap(text, this, 110); // beside the time
        setPrefWidth(0);
      }

      @Override
      protected void updateItem(TimelineEvent e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
          setGraphic(null);
          return;
        }
        time.setText(controller.offset(e));
        text.setText(icon(e) + " " + (e.source().equals("drill") || e.source().equals("engine") ? ""
            : e.source() + ": ") + e.text());
        text.getStyleClass().setAll("label", "log-text", style(e));
        setTooltip(new javafx.scene.control.Tooltip(e.text()));
        setGraphic(box);
      }
    });
    controller.model().timeline().addListener((javafx.collections.ListChangeListener<TimelineEvent>) c -> {
      if (!list.getItems().isEmpty()) {
        list.scrollTo(list.getItems().size() - 1);
      }
    });
    return list;
  }

  /**
   * The colour of a timeline line: faults and alerts red; a run or step that failed (or was rolled back with
   * differences) red too, never green; a rollback amber; a run applied green.
   */
  static String style(TimelineEvent e) {
    String t = e.text().toLowerCase(java.util.Locale.ROOT);
    boolean bad = t.contains("failed") || t.contains("aborted") || t.contains("with differences");
    return switch (e.kind()) {
      case FAULT, ALERT -> "log-error";
      case FAULT_UNDONE -> "log-back";
      case DECISION, GATE -> "log-decision";
      case RUN -> bad ? "log-error" : t.contains("rolled back") || t.contains("rolling back") ? "log-back"
          : "log-ok";
      case STEP -> bad ? "log-error" : "log-plain";
      default -> "log-plain";
    };
  }

  static String icon(TimelineEvent e) {
    return switch (e.kind()) {
      case FAULT -> "⚡";
      case FAULT_UNDONE -> "⟲";
      case ALERT -> "⚠";
      case DECISION -> "◆";
      case GATE -> "◇";
      case STEP -> "▸";
      case RUN -> "■";
      case PHASE -> "·";
    };
  }
}
