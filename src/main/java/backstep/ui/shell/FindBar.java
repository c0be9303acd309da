package backstep.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Find (Ctrl+F) in the page on screen: the step's SQL and the event log in the Run tab, the runs, steps and events
 * of the Ledger tab, any table, list or read-only text of the others. Enter (F3) goes to the next match, Shift+Enter
 * (Shift+F3) to the previous one, Esc closes the bar. The count says where the match is ({@code 2 of 7 · in
 * event-log}). Ids {@code #find-bar}, {@code #find-field}, {@code #find-count}.
 */
public final class FindBar extends HBox {
  private final Supplier<Node> page;
  private final TextField field = new TextField();
  private final Label count = new Label();
  private List<Findable.Match> matches = List.of();
  private int at = -1;

  /** {@code page} gives the page on screen, searched afresh for each query. */
  public FindBar(Supplier<Node> page) {
    this.page = page;
    setId("find-bar");
    getStyleClass().add("find-bar");
    setSpacing(8);
    setAlignment(Pos.CENTER_LEFT);
    Label caption = new Label("_Find");
    caption.setMnemonicParsing(true);
    caption.setLabelFor(field);
    caption.getStyleClass().add("caption");
    field.setId("find-field");
    field.setPromptText("text in the SQL, the events, the ledger…");
    field.setAccessibleText("Find in this page");
    field.setPrefColumnCount(28);
    count.setId("find-count");
    count.getStyleClass().add("hint");
    count.setMinWidth(Region.USE_PREF_SIZE);
    Button prev = small("find-prev", "▲", "Previous match (Shift+Enter)", this::previous);
    Button next = small("find-next", "▼", "Next match (Enter)", this::next);
    Button close = small("find-close", "✕", "Close the find bar (Esc)", this::close);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    getChildren().addAll(caption, field, prev, next, count, gap, close);
    field.textProperty().addListener((o, a, q) -> search(q));
    field.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        if (e.isShiftDown()) {
          previous();
        } else {
          next();
        }
        e.consume();
      } else if (e.getCode() == KeyCode.ESCAPE) {
        close();
        e.consume();
      }
    });
    managedProperty().bind(visibleProperty());
    setVisible(false);
  }

  /** Shows the bar (or keeps it) and puts the cursor in the field, its text selected; searches the page again. */
  public void open() {
    setVisible(true);
    field.requestFocus();
    field.selectAll();
    search(field.getText());
  }

  public void close() {
    setVisible(false);
    matches = List.of();
    at = -1;
  }

  public void next() {
    step(1);
  }

  public void previous() {
    step(-1);
  }

  private void step(int by) {
    if (!isVisible()) {
      open();
      return;
    }
    if (matches.isEmpty()) {
      search(field.getText());
      return;
    }
    at = Math.floorMod(at + by, matches.size());
    show();
  }

  private void search(String query) {
    List<Findable.Match> found = new ArrayList<>();
    Node root = page.get();
    if (root != null && query != null && !query.isEmpty()) {
      for (Findable f : Findable.on(root)) {
        found.addAll(f.find(query));
      }
    }
    matches = found;
    at = found.isEmpty() ? -1 : 0;
    if (query == null || query.isEmpty()) {
      count.setText("");
    } else if (found.isEmpty()) {
      count.setText("no match on this page");
    } else {
      show();
    }
  }

  private void show() {
    Findable.Match m = matches.get(at);
    m.in().reveal(m);
    count.setText((at + 1) + " of " + matches.size() + " · in " + m.in().name());
  }

  private static Button small(String id, String glyph, String what, Runnable action) {
    Button b = new Button(glyph);
    b.setId(id);
    b.getStyleClass().addAll("small", "flat");
    b.setAccessibleText(what);
    b.setTooltip(new javafx.scene.control.Tooltip(what));
    b.setOnAction(e -> action.run());
    b.setFocusTraversable(false);
    return b;
  }
}
