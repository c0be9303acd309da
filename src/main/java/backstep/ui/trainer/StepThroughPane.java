package backstep.ui.trainer;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import backstep.ui.fx.Later;
import backstep.ui.sql.SqlView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One step at a time, in large type: what it does, what it locks, how it is undone, and its SQL both ways. */
final class StepThroughPane extends VBox {
  StepThroughPane(TrainerController controller) {
    TrainerModel model = controller.model();
    getStyleClass().add("trainer-view");
    Label source = label("trainer-source", "hint");
    source.textProperty().bind(model.sourceProperty());
    Label briefing = label("trainer-briefing", "drill-briefing");
    briefing.textProperty().bind(model.briefingProperty().map(b -> "Briefing: " + b));
    briefing.visibleProperty().bind(model.briefingProperty().isNotEmpty());
    briefing.managedProperty().bind(briefing.visibleProperty());
    Label counter = label("trainer-counter", "chip");
    counter.textProperty().bind(Bindings.createStringBinding(() -> model.currentProperty().get() == null ? "no step"
        : "Step " + (model.currentProperty().get().index() + 1) + " of " + model.currentProperty().get().total()
        + " · " + model.currentProperty().get().kind(), model.currentProperty()));
    Label title = label("trainer-step-title", "trainer-step-title");
    title.textProperty().bind(model.currentProperty().map(Explanation::title).orElse("Nothing to explain yet"));
    Label does = label("trainer-does", "trainer-text");
    does.textProperty().bind(model.currentProperty().map(Explanation::does).orElse(""));
    Label locks = label("trainer-locks", "trainer-text");
    locks.textProperty().bind(model.currentProperty().map(Explanation::locks).orElse(""));
    Label undo = label("trainer-undo", "trainer-text");
    undo.textProperty().bind(model.currentProperty().map(Explanation::undo).orElse(""));
    SqlView forward = sql("trainer-forward");
    forward.textProperty().bind(model.currentProperty().map(Explanation::forward).orElse(""));
    SqlView rollback = sql("trainer-rollback");
    rollback.textProperty().bind(model.currentProperty().map(Explanation::rollback).orElse(""));
    VBox fwd = new VBox(4, heading("FORWARD"), forward);
    VBox back = new VBox(4, heading("ROLLBACK"), rollback);
    // each SQL pane joins the window on a pulse of its own, after the page (the page with both was 138 new nodes)
    HBox sqlRow = new HBox(12);
    Later.add(sqlRow, fwd);
    Later.add(sqlRow, back);
    HBox.setHgrow(fwd, Priority.ALWAYS);
    HBox.setHgrow(back, Priority.ALWAYS);
    sqlRow.visibleProperty().bind(forward.textProperty().isNotEmpty());
    sqlRow.managedProperty().bind(sqlRow.visibleProperty());

    VBox body = new VBox(10, briefing, title, heading("WHAT IT DOES"), does, heading("WHAT IT LOCKS"), locks,
        heading("HOW IT IS UNDONE"), undo, sqlRow);
    body.getStyleClass().add("card");
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("page-scroll");
    VBox.setVgrow(scroll, Priority.ALWAYS);

    Button prev = new Button("◀ Previous");
    prev.setId("trainer-prev");
    prev.getStyleClass().addAll("action", "action-secondary");
    prev.setOnAction(e -> controller.previous());
    prev.disableProperty().bind(model.indexProperty().lessThan(1));
    Button next = new Button("Next ▶");
    next.setId("trainer-next");
    next.getStyleClass().addAll("action", "action-primary");
    next.setOnAction(e -> controller.next());
    next.disableProperty().bind(model.indexProperty().add(1).greaterThanOrEqualTo(Bindings.size(model.steps())));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox bar = new HBox(10, counter, source, gap, prev, next);
    bar.getStyleClass().add("action-bar");
    getChildren().addAll(bar, scroll);
  }

  private static Label label(String id, String style) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add(style);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMinWidth(0);
    return l;
  }

  private static Label heading(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("trainer-label");
    return l;
  }

  private static SqlView sql(String id) {
    SqlView t = new SqlView(id);
    t.getStyleClass().add("trainer-sql");
    t.setPrefRows(6);
    return t;
  }
}
