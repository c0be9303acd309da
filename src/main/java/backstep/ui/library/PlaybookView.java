package backstep.ui.library;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.Problem;
import backstep.playbook.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
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
  private final VBox page = new VBox(14);
  private final Runnable openRun;
  private java.util.function.Consumer<Playbook> openNotice;

  public PlaybookView(LibraryModel model, Runnable openRun) {
    this.openRun = openRun;
    setId("playbook-view");
    page.getStyleClass().add("page");
    page.setPadding(new Insets(20, 24, 24, 24));
    ScrollPane scroll = new ScrollPane(page);
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
    if (e == null) {
      Label none = new Label("Pick a playbook in the library to see what it changes, how it is undone and how "
          + "success is measured.");
      none.getStyleClass().add("empty-hint");
      none.setWrapText(true);
      page.getChildren().add(none);
      return;
    }
    if (e.valid()) {
      showPlaybook(e);
    } else {
      showProblems(e);
    }
  }

  private void showPlaybook(PlaybookEntry e) {
    Playbook p = e.playbook();
    Label title = new Label(p.title());
    title.setId("playbook-title");
    title.getStyleClass().add("page-title");
    title.setWrapText(true);
    String dialects = p.dialects().stream().map(PlaybookView::dialectName).collect(Collectors.joining(", "));
    Label sub = new Label(p.id() + "  ·  version " + p.version() + "  ·  " + p.steps().size() + " steps  ·  "
        + dialects);
    sub.getStyleClass().add("hint");
    Button run = new Button("Open in run view  ▸");
    run.setId("open-run");
    run.getStyleClass().addAll("accent");
    run.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    run.setOnAction(ev -> openRun.run());
    Button notice = new Button("Pre-change notice…");
    notice.setId("open-notice");
    notice.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    notice.setOnAction(ev -> openNotice.accept(p));
    notice.setVisible(openNotice != null);
    notice.setManaged(openNotice != null);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(12, new VBox(4, title, sub), gap, notice, run);

    FlowPane owners = new FlowPane(6, 6);
    owners.setId("playbook-owners");
    for (String o : p.owners()) {
      Label chip = new Label(o);
      chip.getStyleClass().add("chip");
      owners.getChildren().add(chip);
    }

    GridPane grid = new GridPane();
    grid.setHgap(14);
    grid.setVgap(14);
    ColumnConstraints half = new ColumnConstraints();
    half.setPercentWidth(50);
    grid.getColumnConstraints().addAll(half, half);
    grid.add(card("Intent", text("playbook-intent", p.intent())), 0, 0);
    grid.add(card("Minimum viable change", text("playbook-mvc", p.minimumViableChange())), 1, 0);
    grid.add(card("Blast radius", blast(p)), 0, 1);
    grid.add(card("Success criteria", bullets("playbook-success", p.successCriteria())), 1, 1);
    grid.add(card("Remediation", text("playbook-remediation", p.remediation())), 0, 2);
    grid.add(card("Expected states", expected(p)), 1, 2);

    VBox steps = new VBox(4);
    steps.setId("playbook-steps");
    for (int i = 0; i < p.steps().size(); i++) {
      Step s = p.steps().get(i);
      Label n = new Label(String.valueOf(i + 1));
      n.getStyleClass().add("step-number");
      Label kind = new Label(s.kind());
      kind.getStyleClass().addAll("kind-chip", "kind-" + s.kind());
      Label t = new Label(s.title());
      t.getStyleClass().add("step-outline-title");
      Label id = new Label(s.id());
      id.getStyleClass().add("hint");
      HBox row = new HBox(10, n, kind, t, id);
      row.getStyleClass().add("outline-row");
      steps.getChildren().add(row);
    }
    page.getChildren().addAll(head, section("OWNERS", owners), grid, section("STEPS", steps),
        section("LINT", new LintFindingsView(e)));
  }

  private static String dialectName(DialectFamily f) {
    return f == DialectFamily.POSTGRESQL ? "PostgreSQL" : "MySQL/MariaDB";
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

  private static final class SourceCell extends ListCell<SourceLine> {
    private final Label number = new Label();
    private final Label text = new Label();
    private final HBox box = new HBox(12, number, text);

    SourceCell() {
      number.getStyleClass().add("line-number");
      text.getStyleClass().add("mono");
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
        number.setText("");
        text.setText(" ".repeat(Math.max(0, p.column() - 1)) + "▲ " + (p.path().isEmpty() ? "" : p.path() + ": ")
            + p.message());
        getStyleClass().add("problem-line");
      } else {
        number.setText(String.valueOf(item.number()));
        text.setText(item.text());
      }
      setGraphic(box);
    }
  }

  private static VBox section(String header, Node content) {
    Label h = new Label(header);
    h.getStyleClass().add("section-header");
    return new VBox(6, h, content);
  }

  private static VBox card(String title, Node content) {
    Label h = new Label(title);
    h.getStyleClass().add("card-title");
    VBox box = new VBox(8, h, content);
    box.getStyleClass().add("card");
    box.setMaxHeight(Double.MAX_VALUE);
    GridPane.setVgrow(box, Priority.ALWAYS);
    GridPane.setFillHeight(box, true);
    return box;
  }

  private static Label text(String id, String s) {
    Label l = new Label(s == null || s.isBlank() ? "—" : s.strip());
    l.setId(id);
    l.setWrapText(true);
    l.getStyleClass().add("prose");
    return l;
  }

  private static VBox bullets(String id, List<String> items) {
    VBox box = new VBox(4);
    box.setId(id);
    for (String s : items) {
      Label l = new Label("•  " + s.strip());
      l.setWrapText(true);
      l.getStyleClass().add("prose");
      box.getChildren().add(l);
    }
    if (items.isEmpty()) {
      box.getChildren().add(new Label("—"));
    }
    return box;
  }

  private static VBox blast(Playbook p) {
    VBox box = new VBox(8);
    box.setId("playbook-blast");
    for (Playbook.BlastRadius b : p.blastRadius()) {
      Label sys = new Label(b.system());
      sys.getStyleClass().add("blast-system");
      sys.setWrapText(true);
      Label impact = new Label(b.impact());
      impact.setWrapText(true);
      impact.getStyleClass().add("prose");
      box.getChildren().add(new VBox(1, sys, impact));
    }
    if (p.blastRadius().isEmpty()) {
      box.getChildren().add(new Label("—"));
    }
    return box;
  }

  private static VBox expected(Playbook p) {
    VBox box = new VBox(8);
    box.setId("playbook-expected");
    Playbook.Expected e = p.expected();
    box.getChildren().addAll(labelled("After forward", e == null ? null : e.afterForward()),
        labelled("After rollback", e == null ? null : e.afterRollback()));
    return box;
  }

  private static VBox labelled(String k, String v) {
    Label key = new Label(k.toUpperCase(Locale.ROOT));
    key.getStyleClass().add("caption");
    Label val = new Label(v == null || v.isBlank() ? "—" : v.strip());
    val.setWrapText(true);
    val.getStyleClass().add("prose");
    return new VBox(1, key, val);
  }
}
