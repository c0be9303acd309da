package backstep.ui.library;

import backstep.playbook.Playbook;
import backstep.playbook.Problem;
import backstep.ui.fx.Later;
import backstep.ui.shell.CellText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A playbook in plain words, as a reviewer reads it before a change: intent, minimum viable change, blast radius,
 * owners, success criteria, remediation, expected states and the steps. A file with problems shows each one at its
 * line, in the file's own text.
 */
public final class PlaybookView extends StackPane {
  private final VBox page = new VBox(14); // the hint before a playbook is picked, or a broken file's problems
  private final PlaybookSheet sheet; // a valid playbook, in nodes made once and filled at each pick
  private final StackPane deck;
  private java.util.function.Consumer<Playbook> openNotice;

  /** The view with its playbook page in the scene from the start (styled with the view's first pulse). */
  public PlaybookView(LibraryModel model, Runnable openRun) {
    this(model, openRun, false);
  }

  /**
   * The view; with {@code inPieces} the playbook page joins the window as a {@link Later} part, on a pulse of its
   * own after the first window (the console's pages join it in pieces), empty and hidden until a playbook is picked;
   * a pick's page then comes in pieces too, a pulse each ({@link PlaybookSheet}).
   */
  public PlaybookView(LibraryModel model, Runnable openRun, boolean inPieces) {
    setId("playbook-view");
    page.getStyleClass().add("page");
    page.setPadding(new Insets(20, 24, 24, 24));
    sheet = new PlaybookSheet(openRun, () -> openNotice, inPieces);
    sheet.setVisible(false);
    deck = new StackPane(page) {
      @Override
      protected double computePrefHeight(double width) { // the layer shown: the hidden one only waits in the scene
        Node shown = sheet.isVisible() ? sheet : page;
        return snappedTopInset() + shown.prefHeight(width) + snappedBottomInset();
      }
    };
    deck.setAlignment(Pos.TOP_LEFT);
    if (inPieces) {
      Later.add(deck, sheet);
    } else {
      deck.getChildren().add(sheet);
    }
    ScrollPane scroll = new ScrollPane(deck);
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("page-scroll");
    getChildren().add(scroll);
    model.selectedProperty().addListener((o, a, b) -> show(b));
    show(model.selected());
  }

  /** What "Pre-change notice…" does with the shown playbook (the console opens the notice for the current target). */
  public void onNotice(java.util.function.Consumer<Playbook> action) {
    this.openNotice = action;
  }

  private void show(PlaybookEntry e) {
    page.getChildren().clear();
    boolean valid = e != null && e.valid();
    sheet.setVisible(valid);
    page.setVisible(!valid);
    deck.requestLayout();
    if (valid) {
      sheet.fill(e, openNotice != null);
      return;
    }
    if (e == null) {
      Label none = new Label("Pick a playbook in the library to see what it changes, how it is undone and how "
          + "success is measured.");
      none.getStyleClass().add("empty-hint");
      none.setWrapText(true);
      page.getChildren().add(none);
      return;
    }
    showProblems(e);
  }

  private void showProblems(PlaybookEntry e) {
    Label title = new Label(e.file().getFileName().toString());
    title.setId("playbook-title");
    title.getStyleClass().add("page-title");
    Label sub = new Label(String.valueOf(e.file()));
    sub.getStyleClass().add("hint");
    Label banner = new Label("✖  " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
        + " — this playbook cannot run until the file is fixed. Nothing was changed anywhere.");
    banner.setId("playbook-problems-banner");
    banner.getStyleClass().addAll("banner", "banner-danger");
    banner.setMaxWidth(Double.MAX_VALUE);
    banner.setWrapText(true);
    banner.setMinHeight(Region.USE_PREF_SIZE);

    VBox list = new VBox(4);
    list.setId("playbook-problems");
    for (Problem p : e.problems()) {
      Label where = new Label("line " + p.line() + ", col " + p.column());
      where.getStyleClass().add("problem-where");
      Label field = new Label(p.path().isEmpty() ? "(file)" : p.path());
      field.getStyleClass().add("problem-field");
      field.setMinWidth(Region.USE_PREF_SIZE);
      where.setMinWidth(Region.USE_PREF_SIZE);
      Label msg = new Label(p.message());
      msg.setWrapText(true);
      msg.setMinHeight(Region.USE_PREF_SIZE);
      HBox row = new HBox(10, where, field, msg);
      row.getStyleClass().add("problem-row");
      list.getChildren().add(row);
    }

    ListView<SourceLine> source = new ListView<>();
    source.setId("playbook-source");
    source.getStyleClass().add("source-view");
    source.getItems().setAll(sourceLines(e));
    source.setCellFactory(v -> new SourceCell());
    source.setPrefHeight(520);
    VBox.setVgrow(source, Priority.ALWAYS);
    int first = e.problems().stream().mapToInt(Problem::line).min().orElse(1);
    source.scrollTo(Math.max(0, first - 4));
    page.getChildren().addAll(new VBox(4, title, sub), banner, section("PROBLEMS", list),
        section("IN THE FILE", source));
  }

  /** A line of the file, or a problem shown under the line it points at. */
  record SourceLine(int number, String text, Problem problem) {}

  static List<SourceLine> sourceLines(PlaybookEntry e) {
    String[] lines = e.source().split("\n", -1);
    List<Problem> sorted = new ArrayList<>(e.problems());
    sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    List<SourceLine> out = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < lines.length; i++) {
      out.add(new SourceLine(i + 1, lines[i].replace("\t", "    "), null));
      while (k < sorted.size() && sorted.get(k).line() <= i + 1) {
        out.add(new SourceLine(i + 1, null, sorted.get(k++)));
      }
    }
    while (k < sorted.size()) {
      out.add(new SourceLine(lines.length, null, sorted.get(k++)));
    }
    return out;
  }

  /**
   * A line of the file with its number, or a problem under the line it points at, at its column: a problem wraps
   * within the list's width (on one line, "▲ steps[0].guards.lock_timout: unknown field (allowed: backoff, …" ran
   * 300 px past the list at 1280×800, and the whole list scrolled sideways to read it).
   */
  private static final class SourceCell extends ListCell<SourceLine> {
    /** The number's gutter, the gap after it, the cell's padding and a vertical scroll bar, about. */
    private static final double INSET = 32 + 12 + 12 + 20;
    private final Label number = new Label();
    private final Label text = new Label();
    private final HBox box = new HBox(12, number, text);
    private final Label problem = new Label();
    private final Region gutter = new Region();
    private final HBox problemBox = new HBox(12, gutter, problem);

    SourceCell() {
      number.getStyleClass().add("line-number");
      text.getStyleClass().add("mono");
      problem.getStyleClass().addAll("mono", "problem-text");
      gutter.getStyleClass().add("line-number");
      gutter.setMinWidth(32);
      CellText.wrap(problem, this, INSET);
    }

    @Override
    protected void updateItem(SourceLine item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass().removeAll("problem-line");
      if (empty || item == null) {
        setGraphic(null);
        return;
      }
      if (item.problem() != null) {
        Problem p = item.problem();
        problem.setText(" ".repeat(Math.max(0, p.column() - 1)) + "▲ " + (p.path().isEmpty() ? "" : p.path() + ": ")
            + p.message());
        getStyleClass().add("problem-line");
        setGraphic(problemBox);
      } else {
        number.setText(String.valueOf(item.number()));
        text.setText(item.text());
        setGraphic(box);
      }
    }
  }

  private static VBox section(String header, Node content) {
    return PlaybookSheet.section(header, content);
  }
}
