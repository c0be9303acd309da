package backstep.ui.shell;

import backstep.db.EnvironmentClass;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The top bar: the current target and its environment class (a production target turns the whole bar red and
 * says PRODUCTION), the run in progress, the operator's name and the theme toggle.
 */
public final class TopBar extends HBox {
  public TopBar(TargetsModel targets, ShellModel shell, ObservableValue<String> runSummary, Theme theme) {
    setId("top-bar");
    getStyleClass().add("top-bar");

    Label brand = new Label("Backstep");
    brand.getStyleClass().add("brand");

    Label targetCaption = caption("TARGET");
    Label targetName = new Label();
    targetName.setId("current-target");
    targetName.getStyleClass().add("top-target");
    Label env = new Label();
    env.setId("current-environment");
    env.getStyleClass().add("env-badge");
    Label conn = new Label();
    conn.getStyleClass().add("conn-dot");
    HBox targetRow = new HBox(8, conn, targetName, env);
    targetRow.getStyleClass().add("top-row");
    VBox target = new VBox(0, targetCaption, targetRow);

    Label run = new Label();
    run.setId("run-summary");
    run.getStyleClass().add("top-run");
    run.textProperty().bind(runSummary);
    run.setWrapText(true); // a long summary (a rollback's proof) takes a second line at 1280 px, never "…"
    run.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    VBox runBox = new VBox(0, caption("RUN"), run);
    HBox.setHgrow(runBox, Priority.ALWAYS);
    runBox.setMinWidth(0);

    TextField operator = new TextField();
    operator.setId("operator");
    operator.setPrefColumnCount(10);
    operator.textProperty().bindBidirectional(shell.operatorProperty());
    operator.setTooltip(new Tooltip("Who is operating: recorded in the ledger with every run, step and decision"));
    VBox operatorBox = new VBox(0, caption("OPERATOR"), operator);

    Button themeToggle = new Button();
    themeToggle.setId("theme-toggle");
    themeToggle.getStyleClass().addAll("flat", "theme-toggle");
    themeToggle.textProperty().bind(Bindings.when(theme.darkProperty()).then("☀ Light").otherwise("☾ Dark"));
    themeToggle.setTooltip(new Tooltip("Switch between the light and dark theme (Ctrl+Shift+D)"));
    themeToggle.setOnAction(e -> theme.toggle());

    Region gap = new Region();
    HBox.setHgrow(gap, Priority.SOMETIMES);
    // the run's summary gives way first (it is repeated in the run view); the name, target and environment never do
    run.setMinWidth(0);
    for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {brand, targetName, env, target, operatorBox,
        themeToggle}) {
      r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    getChildren().addAll(brand, vsep(), target, vsep(), runBox, gap, operatorBox, themeToggle);

    Runnable refresh = () -> {
      TargetEntry t = targets.current();
      getStyleClass().removeAll("production", "staging");
      if (t == null) {
        targetName.setText("no target");
        env.setText("");
        conn.setText("");
        return;
      }
      EnvironmentClass e = t.spec().environment();
      targetName.setText(t.name());
      env.setText(e == EnvironmentClass.PRODUCTION ? "⚠ PRODUCTION" : e.key().toUpperCase(Locale.ROOT));
      env.getStyleClass().removeIf(s -> s.startsWith("env-") && !s.equals("env-badge"));
      env.getStyleClass().add("env-" + e.key());
      if (e == EnvironmentClass.PRODUCTION) {
        getStyleClass().add("production");
      }
      TargetEntry.Connection c = t.connectionProperty().get();
      conn.setText(c.icon());
      conn.getStyleClass().removeIf(s -> s.startsWith("conn-"));
      conn.getStyleClass().addAll("conn-dot", "conn-" + c.name().toLowerCase(Locale.ROOT));
    };
    javafx.beans.InvalidationListener onConnection = o -> refresh.run();
    targets.currentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.connectionProperty().removeListener(onConnection);
      }
      if (b != null) {
        b.connectionProperty().addListener(onConnection);
      }
      refresh.run();
    });
    refresh.run();
  }

  private static Label caption(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("caption");
    return l;
  }

  private static Separator vsep() {
    Separator s = new Separator(Orientation.VERTICAL);
    s.getStyleClass().add("top-sep");
    return s;
  }
}
