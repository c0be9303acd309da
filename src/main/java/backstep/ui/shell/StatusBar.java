package backstep.ui.shell;

import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The status bar: connection, ledger, the console's last message, and whether the engine is working. */
public final class StatusBar extends HBox {
  public StatusBar(TargetsModel targets, ShellModel shell, ObservableValue<String> ledger,
      ObservableValue<String> engine) {
    setId("status-bar");
    getStyleClass().add("status-bar");
    Label connection = label("status-connection");
    Label ledgerLabel = label("status-ledger");
    ledgerLabel.textProperty().bind(ledger);
    Label message = label("status-message");
    message.textProperty().bind(shell.messageProperty());
    message.setMinWidth(0);
    // one line (wrapped, a run's error took three lines from every page); the whole message in its tooltip
    javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
    whole.setWrapText(true);
    whole.setMaxWidth(640);
    whole.textProperty().bind(message.textProperty());
    message.setTooltip(whole);
    HBox.setHgrow(message, Priority.ALWAYS);
    message.setMaxWidth(Double.MAX_VALUE);
    // a long message (a run's error) keeps its start and its end in sight, "…" in the middle: the end says why
    // (an error's detail); a click shows it whole, selectable, to read and copy
    message.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS);
    message.setCursor(javafx.scene.Cursor.HAND);
    message.setOnMouseClicked(e -> whole(message));
    Label engineLabel = label("status-engine");
    engineLabel.textProperty().bind(engine);
    for (Label l : new Label[] {connection, ledgerLabel, engineLabel}) {
      l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    getChildren().addAll(connection, sep(), ledgerLabel, sep(), message, sep(), engineLabel);

    InvalidationListener refresh = o -> {
      TargetEntry t = targets.current();
      if (t == null) {
        connection.setText("no target");
        return;
      }
      TargetEntry.Connection c = t.connectionProperty().get();
      String detail = t.detailProperty().get();
      var st = t.statusProperty().get();
      connection.setText(c.icon() + " " + t.name() + " · " + (c == TargetEntry.Connection.OPEN ? "connected · "
          + detail : c == TargetEntry.Connection.OPENING ? detail : c.words() + (detail.isEmpty() ? "" : ": "
          + detail)) + (st != null && st.busyBy() != null ? " · BUSY: " + st.busyBy() : ""));
      connection.getStyleClass().removeIf(s -> s.startsWith("conn-"));
      connection.getStyleClass().add("conn-" + c.name().toLowerCase(java.util.Locale.ROOT));
    };
    targets.currentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.connectionProperty().removeListener(refresh);
        a.detailProperty().removeListener(refresh);
        a.statusProperty().removeListener(refresh);
      }
      if (b != null) {
        b.connectionProperty().addListener(refresh);
        b.detailProperty().addListener(refresh);
        b.statusProperty().addListener(refresh);
      }
      refresh.invalidated(null);
    });
    refresh.invalidated(null);
  }

  /** The whole message over the status bar, in a read-only text area (selectable, so it can be copied). */
  private static void whole(Label message) {
    String text = message.getText();
    if (text == null || text.isEmpty()) {
      return;
    }
    javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
    area.setId("status-message-full");
    area.setEditable(false);
    area.setWrapText(true);
    area.setPrefColumnCount(60);
    area.setPrefRowCount(Math.min(12, 2 + text.length() / 70));
    org.controlsfx.control.PopOver pop = new org.controlsfx.control.PopOver(area);
    pop.setArrowLocation(org.controlsfx.control.PopOver.ArrowLocation.BOTTOM_LEFT);
    pop.setDetachable(false);
    pop.setTitle("Message");
    pop.show(message);
  }

  private static Label label(String id) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("status-item");
    return l;
  }

  private static Separator sep() {
    return new Separator(Orientation.VERTICAL);
  }
}
