package backstep.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;

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
    message.setCursor(javafx.scene.Cursor.HAND);
    message.setOnMouseClicked(e -> whole(message));
    Hyperlink more = new Hyperlink("whole message ▸");
    more.setId("status-message-more");
    more.getStyleClass().add("status-item");
    more.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    more.setFocusTraversable(false);
    more.setOnAction(e -> whole(message));
    more.managedProperty().bind(more.visibleProperty());
    abridge(message, more);
    Label engineLabel = label("status-engine");
    engineLabel.textProperty().bind(engine);
    for (Label l : new Label[] {connection, ledgerLabel, engineLabel}) {
      l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    getChildren().addAll(connection, sep(), ledgerLabel, sep(), message, more, sep(), engineLabel);

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

  /**
   * Draws the message whole when it fits the bar, else abridged between its clauses by {@link #abridged} (its start,
   * what happened, and its end, why: an error's detail), with the link to the whole message beside it. The label
   * keeps the whole message as its text (what a screen reader says, its tooltip, a test's lookup): it was drawn cut
   * mid-word with "…" by the layout, the whole only in the tooltip.
   */
  private static void abridge(Label message, Hyperlink more) {
    Text drawn = new Text();
    drawn.getStyleClass().add("cell-text"); // as CellText draws: Cuts checks the drawn lines fit the label
    drawn.fontProperty().bind(message.fontProperty());
    drawn.fillProperty().bind(message.textFillProperty());
    message.setGraphic(drawn);
    message.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
    Text measure = new Text();
    InvalidationListener redraw = o -> {
      measure.setFont(message.getFont());
      String text = message.getText() == null ? "" : message.getText();
      double room = message.getWidth() - message.snappedLeftInset() - message.snappedRightInset();
      String shown = room <= 0 ? text : abridged(text, room, t -> {
        measure.setText(t);
        return measure.getLayoutBounds().getWidth();
      });
      drawn.setText(shown);
      more.setVisible(!shown.equals(text));
    };
    message.textProperty().addListener(redraw);
    message.widthProperty().addListener(redraw);
    message.fontProperty().addListener(redraw);
    redraw.invalidated(null);
  }

  /**
   * {@code text} as it fits {@code room} px: whole if it fits; else its longest start and end that fit, each cut only
   * after a clause (": ", " — ", "; ", ". "), joined by " … "; else its first clause and as many of its last whole
   * words as fit; else its longest start that ends a clause, then " …"; else as many whole words as fit, then " …".
   */
  static String abridged(String text, double room, ToDoubleFunction<String> width) {
    if (width.applyAsDouble(text) <= room) {
      return text;
    }
    List<Integer> cuts = new ArrayList<>();
    for (String mark : List.of(": ", " — ", "; ", ". ")) {
      for (int i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
        cuts.add(i + mark.length());
      }
    }
    String best = null;
    for (int head : cuts) {
      for (int tail : cuts) {
        if (tail > head) {
          String candidate = text.substring(0, head).strip() + " … " + text.substring(tail).strip();
          if ((best == null || candidate.length() > best.length()) && width.applyAsDouble(candidate) <= room) {
            best = candidate;
          }
        }
      }
    }
    if (best != null) {
      return best;
    }
    int first = cuts.stream().mapToInt(Integer::intValue).min().orElse(-1);
    if (first > 0) { // else the first clause (what happened) and the last words that fit (why)
      String head = text.substring(0, first).strip() + " … ";
      String[] words = text.substring(first).strip().split(" ");
      String tail = "";
      for (int i = words.length - 1; i >= 0; i--) {
        String next = tail.isEmpty() ? words[i] : words[i] + " " + tail;
        if (width.applyAsDouble(head + next) > room) {
          break;
        }
        tail = next;
      }
      if (!tail.isEmpty() && tail.length() > 12) {
        return head + tail;
      }
    }
    for (int head : cuts) { // else the longest start that ends a clause
      String candidate = text.substring(0, head).strip() + " …";
      if ((best == null || candidate.length() > best.length()) && width.applyAsDouble(candidate) <= room) {
        best = candidate;
      }
    }
    if (best != null) {
      return best;
    }
    String words = "";
    for (String w : text.split(" ")) {
      String next = words.isEmpty() ? w : words + " " + w;
      if (!words.isEmpty() && width.applyAsDouble(next + " …") > room) {
        break;
      }
      words = next;
    }
    return words + " …";
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
