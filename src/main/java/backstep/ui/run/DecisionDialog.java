package backstep.ui.run;

import backstep.engine.Decision;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The frame every decision dialog shares: a header saying what and where (red for production), labelled rows,
 * a hint saying what is still missing, and two buttons (a third where the run may be rolled back from the dialog).
 * Non-blocking: {@link #open} returns a future that the buttons (or closing the window: declined) complete, so the
 * FX thread never waits.
 */
final class DecisionDialog {
  private final Stage stage = new Stage();
  private final GridPane rows = new GridPane();
  private final VBox body = new VBox(14);
  private final Label header = new Label();
  private final Label hint = new Label();
  private final Button ok = new Button();
  private final Button cancel = new Button();
  private final HBox footer;
  private final CompletableFuture<Decision> answer = new CompletableFuture<>();
  private int row;

  DecisionDialog(Window owner, String id, String title, String headline, boolean production) {
    stage.initOwner(owner);
    stage.initModality(Modality.WINDOW_MODAL);
    stage.setTitle(title);
    header.setText(headline);
    header.setWrapText(true);
    header.getStyleClass().add("dialog-header");
    header.setMaxWidth(Double.MAX_VALUE);
    if (production) {
      header.getStyleClass().add("production");
    }
    rows.setHgap(14);
    rows.setVgap(10);
    ColumnConstraints key = new ColumnConstraints();
    key.setMinWidth(130);
    key.setHalignment(HPos.RIGHT);
    ColumnConstraints value = new ColumnConstraints();
    value.setHgrow(Priority.ALWAYS);
    value.setFillWidth(true);
    rows.getColumnConstraints().addAll(key, value);
    body.getChildren().add(rows);
    body.setPadding(new Insets(18, 22, 8, 22));
    hint.getStyleClass().add("dialog-hint");
    hint.setWrapText(true);
    hint.setId(id + "-hint");
    ok.getStyleClass().add("accent");
    ok.setDefaultButton(true);
    cancel.setCancelButton(true);
    ok.setMinWidth(Region.USE_PREF_SIZE);
    cancel.setMinWidth(Region.USE_PREF_SIZE);
    hint.setMinWidth(0);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    footer = new HBox(10, hint, gap, cancel, ok);
    footer.getStyleClass().add("dialog-footer");
    HBox.setHgrow(hint, Priority.SOMETIMES);
    BorderPane root = new BorderPane(body, header, null, footer, null);
    root.setId(id);
    root.getStyleClass().add("decision-dialog");
    root.setPrefWidth(640);
    Scene scene = new Scene(root);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
      if (owner.getScene().getRoot().getStyleClass().contains("dark")) {
        root.getStyleClass().add("dark");
      }
    }
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> answer.complete(null));
  }

  /** A labelled read-only value; {@code mono} for SQL. */
  Label info(String key, String value, boolean mono) {
    Label v = new Label(value);
    v.setWrapText(true);
    v.setMinHeight(Region.USE_PREF_SIZE);
    v.getStyleClass().add(mono ? "mono" : "prose");
    add(key, v);
    return v;
  }

  backstep.ui.sql.SqlView sql(String key, String text) {
    backstep.ui.sql.SqlView a = new backstep.ui.sql.SqlView(null);
    a.setText(text);
    a.getStyleClass().add("sql");
    long lines = text.lines().mapToLong(l -> 1 + l.length() / 64).sum();
    a.setPrefRows((int) Math.min(7, Math.max(2, lines)));
    a.setPrefWidth(560);
    add(key, a);
    return a;
  }

  TextField field(String key, String id, String value, String prompt) {
    TextField f = new TextField(value);
    f.setId(id);
    f.setPromptText(prompt);
    add(key, f);
    return f;
  }

  void prose(String id, String text) {
    Label l = new Label(text);
    l.setId(id);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.getStyleClass().add("dialog-prompt");
    body.getChildren().add(0, l);
  }

  /**
   * A third answer, left of the other two: {@code then} is asked when it is pressed (on the FX thread, at the click)
   * and its decision ends the dialog.
   */
  void offer(String id, String text, Supplier<Decision> then) {
    Button b = new Button(text);
    b.setId(id);
    b.getStyleClass().add("danger");
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setOnAction(e -> {
      answer.complete(then.get());
      stage.close();
    });
    footer.getChildren().add(footer.getChildren().indexOf(cancel), b);
  }

  private void add(String key, Node value) {
    Label k = new Label(key);
    k.getStyleClass().add("dialog-key");
    rows.add(k, 0, row);
    rows.add(value, 1, row);
    GridPane.setHgrow(value, Priority.ALWAYS);
    row++;
  }

  /**
   * Shows the dialog. {@code missing} says what still keeps the OK button disabled ("" when nothing);
   * {@code yes}/{@code no} build the decision from the fields when a button is pressed.
   */
  CompletableFuture<Decision> open(String okId, String okText, String cancelId, String cancelText,
      StringBinding missing, Supplier<Decision> yes, Supplier<Decision> no) {
    ok.setId(okId);
    ok.setText(okText);
    cancel.setId(cancelId);
    cancel.setText(cancelText);
    ObservableBooleanValue blocked = missing.isNotEmpty();
    ok.disableProperty().bind(blocked);
    hint.textProperty().bind(Bindings.when(missing.isEmpty()).then("").otherwise(Bindings.concat("⚠ ", missing)));
    ok.setOnAction(e -> {
      answer.complete(yes.get());
      stage.close();
    });
    cancel.setOnAction(e -> {
      answer.complete(no.get());
      stage.close();
    });
    CompletableFuture<Decision> out = answer.thenApply(d -> d == null ? no.get() : d);
    stage.show();
    stage.toFront();
    return out;
  }
}
