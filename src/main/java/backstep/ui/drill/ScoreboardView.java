package backstep.ui.drill;

import backstep.drill.Drill;
import backstep.drill.DrillResult;
import backstep.drill.DrillScore;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The scoreboard: time to detect, decide and restore, committed writes lost, checklist adherence and the expected
 * response, each against its target with ✔ or ✖, the verdict, and the debrief export. Before the drill ends it
 * shows the targets. Label ids: {@code #score-detect}, {@code #score-decide}, {@code #score-restore},
 * {@code #score-lost}, {@code #score-adherence}, {@code #score-expected}, {@code #score-verdict}.
 */
final class ScoreboardView extends VBox {
  private static final String[] IDS = {"score-detect", "score-decide", "score-restore", "score-lost",
      "score-adherence", "score-expected"};
  private final GridPane grid = new GridPane();
  private final Label verdict = new Label("–");
  private final java.util.List<Label[]> rows = new java.util.ArrayList<>();

  ScoreboardView(DrillModel model, Runnable exportDebrief) {
    setId("drill-scoreboard");
    getStyleClass().addAll("card", "scoreboard");
    Label head = new Label("SCOREBOARD");
    head.getStyleClass().add("section-header");
    verdict.setId("score-verdict");
    verdict.getStyleClass().add("score-verdict");
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button export = new Button("Export debrief");
    export.setId("drill-debrief");
    export.getStyleClass().addAll("small");
    export.disableProperty().bind(model.resultProperty().isNull());
    export.setOnAction(e -> exportDebrief.run());
    export.setMinWidth(Region.USE_PREF_SIZE);
    HBox top = new HBox(10, head, verdict, gap);
    top.getStyleClass().add("panel-head");
    Label path = new Label();
    path.setId("drill-debrief-path");
    path.getStyleClass().add("hint");
    // the debrief's whole path, on as many lines as the column needs, broken after a '/', '-' or '.', never inside
    // a name ("…/de" over "brief.md" at 1280×800)
    backstep.ui.shell.CellText.wrapInWidth(path);
    path.setMinHeight(Region.USE_PREF_SIZE);
    path.setMaxWidth(Double.MAX_VALUE);
    path.textProperty().bind(model.debriefProperty());
    grid.getStyleClass().add("score-grid");
    grid.setHgap(10);
    grid.getColumnConstraints().addAll(column(Region.USE_PREF_SIZE, javafx.scene.layout.Priority.ALWAYS),
        column(64, null),
        column(64, null), column(18, null));
    grid.setVgap(4);
    HBox.setHgrow(path, Priority.ALWAYS);
    path.setMinWidth(0);
    HBox bottom = new HBox(10, export, path); // left-aligned: visible however narrow the column gets
    bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    getChildren().addAll(top, grid, bottom);
    setSpacing(6);
    // the head and six rows made with the board, hidden until a drill is picked: made at the first pick, they were
    // 48 new nodes in that pulse, with the drill's checklist and faults (93)
    row(IDS.length);
    model.entryProperty().addListener((o, a, b) -> show(b, null));
    model.resultProperty().addListener((o, a, b) -> show(model.entry(), b));
    show(model.entry(), null);
  }

  /**
   * Fills the grid's rows in place: its labels are made once and kept, the rows past what is shown hidden. The
   * scoreboard was built again at each drill picked and at each score (56 new nodes, in the frame the drill's
   * score came in; docs/performance.md, "The console's FX thread", session 15).
   */
  private void show(DrillEntry entry, DrillResult r) {
    fill(0, new String[] {"component", "value", "target", ""}, null, null, null);
    int shown = 1;
    if (r != null && r.score() != null) {
      for (DrillScore.Component c : r.score().components()) {
        fill(shown, new String[] {c.name(), c.value(), c.target(), c.passed() ? "✔" : "✖"},
            c.value().length() > 10 ? "score-value-text" : "score-value", c.passed() ? "state-applied" : "state-failed",
            c.name() + ": " + c.value() + " (target " + c.target() + ")");
        shown++;
      }
      verdict.setText(r.passed() ? "✔ PASSED" : "✖ FAILED");
      verdict.getStyleClass().setAll("score-verdict", r.passed() ? "chip-ok-strong" : "chip-failed-strong");
    } else {
      verdict.setText(r == null ? "when the drill ends" : "no score: " + r.error());
      verdict.getStyleClass().setAll("score-verdict", "hint");
      for (String[] target : entry == null || entry.drill() == null ? new String[0][] : targets(entry)) {
        fill(shown++, new String[] {target[0], "–", target[1], "○"}, "score-value", null, null);
      }
    }
    for (int i = shown; i < rows.size(); i++) {
      for (Label l : rows.get(i)) {
        l.setVisible(false);
        l.setManaged(false);
      }
    }
  }

  private static String[][] targets(DrillEntry entry) {
    Drill.Targets t = entry.drill().targets();
    return new String[][] {{"time to detect", secs(t.detect())}, {"time to decide", secs(t.decide())},
        {"time to restore", secs(t.restore())}, {"committed writes lost", "≤ " + t.writesLost()},
        {"checklist adherence", "≥ " + Math.round(t.adherence() * 100) + "%"},
        {"expected response", entry.drill().expected().action().name().toLowerCase(java.util.Locale.ROOT)
            + " ≤ " + entry.drill().expected().within().toSeconds() + " s"}};
  }

  /**
   * Row {@code i} (0: the head) shows {@code texts} (name, value, target, mark), its value in {@code valueStyle} with
   * {@code tip} (none when null), its mark in {@code markStyle}.
   */
  private void fill(int i, String[] texts, String valueStyle, String markStyle, String tip) {
    Label[] row = row(i);
    for (int k = 0; k < row.length; k++) {
      row[k].setText(texts[k]);
      row[k].setVisible(true);
      row[k].setManaged(true);
    }
    if (i == 0) {
      return;
    }
    Label value = row[1];
    value.setId(i - 1 < IDS.length ? IDS[i - 1] : null);
    value.getStyleClass().removeAll("score-value", "score-value-text");
    value.getStyleClass().add(valueStyle);
    if (tip == null) {
      value.setTooltip(null);
    } else if (value.getTooltip() == null) {
      value.setTooltip(new javafx.scene.control.Tooltip(tip));
    } else {
      value.getTooltip().setText(tip);
    }
    row[3].getStyleClass().removeAll("state-applied", "state-failed");
    if (markStyle != null) {
      row[3].getStyleClass().add(markStyle);
    }
  }

  /** Row {@code i} (0: the head), and those before it, made (hidden) if they were not. */
  private Label[] row(int i) {
    while (rows.size() <= i) {
      Label[] row = {new Label(), new Label(), new Label(), new Label()};
      addRow(rows.size(), row[0], row[1], row[2], row[3]);
      if (rows.isEmpty()) {
        for (Label l : row) {
          l.getStyleClass().add("score-head");
        }
      }
      for (Label l : row) {
        l.setVisible(false);
        l.setManaged(false);
      }
      rows.add(row);
    }
    return rows.get(i);
  }

  private static String secs(java.time.Duration d) {
    return "≤ " + AttemptRow.secs(d);
  }

  private static javafx.scene.layout.ColumnConstraints column(double min, javafx.scene.layout.Priority grow) {
    javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
    c.setMinWidth(min);
    if (grow != null) {
      c.setHgrow(grow);
    }
    return c;
  }

  private void addRow(int row, Label name, Label value, Label target, Label mark) {
    name.getStyleClass().add("score-name");
    name.setMinWidth(Region.USE_PREF_SIZE);
    value.setWrapText(true);
    value.setMaxWidth(140);
    value.setMinHeight(Region.USE_PREF_SIZE);
    target.getStyleClass().add("hint");
    target.setWrapText(true); // "rollback ≤ 30 s" in full, on two lines in a narrow column
    target.setMinHeight(Region.USE_PREF_SIZE);
    target.setMinWidth(40);
    grid.addRow(row, name, value, target, mark);
  }
}
