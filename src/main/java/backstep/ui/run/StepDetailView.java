package backstep.ui.run;

import backstep.playbook.DialectFamily;
import backstep.playbook.SqlStep;
import backstep.state.RunState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.InvalidationListener;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import backstep.ui.fx.Later;
import backstep.ui.sql.SqlView;

/** The selected step: intent, forward and rollback side by side (read-only, monospaced), guards and verify. */
final class StepDetailView extends VBox {
  private final Label heading = new Label();
  private final Label kind = new Label();
  private final Label intent = new Label();
  private final SqlView forward = sqlArea("forward-sql");
  private final SqlView rollback = sqlArea("rollback-sql");
  private final Label guards = new Label();
  private final Label verify = new Label();
  private final SqlView verifySql = sqlArea("verify-sql");
  private final Label note = new Label();
  private final RunModel model;
  private StepRow shown;
  /** The panes still to draw the step shown, one a pulse ({@link #drawInTurn}). */
  private final Deque<SqlView> toDraw = new ArrayDeque<>();
  /** A layout pass ran since the last pane was drawn: the next may be drawn. */
  private boolean laidOut;
  private final Runnable afterLayout = () -> laidOut = true;
  private final AnimationTimer drawer = new AnimationTimer() {
    @Override
    public void handle(long now) {
      if (getScene() != drawingIn || drawingIn.getWindow() == null || !drawingIn.getWindow().isShowing()) {
        toDraw.forEach(SqlView::draw); // out of the window (or it closed): nothing lays out, no pulse to wait for
        toDraw.clear();
        finish();
        return;
      }
      if (!laidOut) {
        return; // the last pane drawn makes its cells in this pulse's layout: the next waits for the next pulse
      }
      laidOut = false;
      SqlView next = toDraw.poll();
      if (next != null) {
        next.draw();
      }
      if (toDraw.isEmpty()) {
        finish();
      }
    }
  };
  private Scene drawingIn;
  /** The view has just joined a scene: no pane is drawn in that pulse. */
  private boolean joining;

  /** The step detail with its SQL panes in it (a view shown outside the console's frame). */
  StepDetailView(RunModel model) {
    this(model, false);
  }

  /**
   * The step detail; {@code inPieces} (the console's run page): its three SQL panes are {@link Later} parts, each
   * joining the window on a pulse of its own after the rest (about 21 nodes each before a line is drawn; with the
   * rest of the step's tab pane they were 193 new nodes in one pulse at the console's start).
   */
  StepDetailView(RunModel model, boolean inPieces) {
    this.model = model;
    setId("step-detail");
    getStyleClass().add("step-detail");
    heading.setId("step-heading");
    heading.getStyleClass().add("detail-heading");
    kind.getStyleClass().add("kind-chip");
    intent.setId("step-intent");
    intent.getStyleClass().add("prose");
    intent.setWrapText(true);
    guards.setId("step-guards");
    guards.setWrapText(true);
    guards.getStyleClass().add("detail-value");
    verify.setId("step-verify");
    verify.setWrapText(true);
    verify.getStyleClass().addAll("detail-value");
    note.setId("step-note");
    note.setWrapText(true);
    note.getStyleClass().add("detail-value");
    for (Label l : new Label[] {intent, guards, verify, note}) {
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    GridPane sql = new GridPane();
    sql.setHgap(12);
    sql.setVgap(4);
    ColumnConstraints half = new ColumnConstraints();
    half.setPercentWidth(50);
    sql.getColumnConstraints().addAll(half, half);
    sql.add(caption("FORWARD"), 0, 0);
    sql.add(caption("ROLLBACK"), 1, 0);
    GridPane.setConstraints(forward, 0, 1);
    GridPane.setConstraints(rollback, 1, 1);
    part(inPieces, sql, forward);
    part(inPieces, sql, rollback);
    GridPane.setVgrow(forward, Priority.ALWAYS);
    GridPane.setVgrow(rollback, Priority.ALWAYS);
    VBox.setVgrow(sql, Priority.ALWAYS);

    GridPane facts = new GridPane();
    facts.setHgap(12);
    facts.setVgap(6);
    ColumnConstraints key = new ColumnConstraints();
    key.setMinWidth(64);
    ColumnConstraints val = new ColumnConstraints();
    val.setHgrow(Priority.ALWAYS);
    facts.getColumnConstraints().addAll(key, val);
    facts.addRow(0, caption("GUARDS"), guards);
    verifySql.managedProperty().bind(verifySql.visibleProperty());
    verify.managedProperty().bind(verify.visibleProperty());
    verify.visibleProperty().bind(verifySql.visibleProperty().not());
    VBox verifyBox = new VBox(verify);
    part(inPieces, verifyBox, verifySql);
    facts.addRow(1, caption("VERIFY"), verifyBox);
    facts.addRow(2, caption("NOTE"), note);

    HBox head = new HBox(10, heading, kind);
    head.getStyleClass().add("detail-head");
    // the SQL right under the step's name, its intent after: after a failure at 1280×800 the forward and rollback
    // SQL are in sight without scrolling (under three lines of intent they were below the fold)
    getChildren().addAll(head, sql, intent, facts);
    setSpacing(8);

    InvalidationListener refresh = o -> show(model.selectedProperty().get());
    model.selectedProperty().addListener(refresh);
    model.familyProperty().addListener(refresh);
    model.findingsProperty().addListener(refresh);
    InvalidationListener noteRefresh = o -> showNote();
    model.selectedProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.detailProperty().removeListener(noteRefresh);
        a.errorProperty().removeListener(noteRefresh);
      }
      if (b != null) {
        b.detailProperty().addListener(noteRefresh);
        b.errorProperty().addListener(noteRefresh);
      }
    });
    show(null);
    sceneProperty().addListener((o, a, scene) -> {
      if (scene != null && a == null) {
        joining = true;
        drawInTurn();
      }
    });
  }

  private void show(StepRow row) {
    shown = row;
    if (row == null) {
      heading.setText("No step selected");
      kind.setVisible(false);
      intent.setText("Select a step in the checklist to see what it runs and how it is undone.");
      forward.hold("", List.of());
      rollback.hold("", List.of());
      guards.setText("—");
      verify.setText("—");
      verifySql.setVisible(false);
      note.setText("—");
      drawInTurn();
      return;
    }
    DialectFamily f = model.familyProperty().get();
    heading.setText("STEP " + (row.index() + 1) + " · " + row.step().title());
    kind.setVisible(true);
    kind.setText(row.step().kind());
    kind.getStyleClass().removeIf(c -> c.startsWith("kind-") && !c.equals("kind-chip"));
    kind.getStyleClass().add("kind-" + row.step().kind());
    intent.setText(intentOf(row.step()));
    List<backstep.lint.Finding> findings = model.findingsProperty().get();
    if (row.step() instanceof SqlStep s) {
      forward.hold(StepText.forward(s, f), SqlMarks.of(s.forward(), f, s.id(), findings, true));
      rollback.hold(StepText.rollback(s, f), SqlMarks.of(s.rollback(), f, s.id(), findings, false));
    } else {
      forward.hold(StepText.forward(row.step(), f), List.of());
      rollback.hold(StepText.rollback(row.step(), f), List.of());
    }
    boolean txDdl = f == DialectFamily.POSTGRESQL;
    guards.setText(StepText.guards(row.step(), f, txDdl));
    String v = StepText.verify(row.step(), f);
    boolean sqlVerify = row.step() instanceof SqlStep && !v.isEmpty();
    verifySql.setVisible(sqlVerify);
    verify.setText(sqlVerify ? "" : v.isEmpty() ? "—" : v);
    if (sqlVerify) {
      verifySql.hold(v, List.of());
      verifySql.setPrefRows((int) Math.min(6, Math.max(2, v.lines().count())));
    }
    showNote();
    drawInTurn();
  }

  /**
   * Draws the panes whose text changed one a pulse, the one read first now: each line a pane draws is a new
   * RichTextFX cell, and the three panes of a failed step drawn in one pulse were most of the frame at a run's
   * failure and at its roll back (docs/performance.md, "The console's FX thread", session 16). While the run rolls
   * back, the rollback SQL is the one read first; otherwise the forward SQL. The others follow on the next pulses.
   */
  private void drawInTurn() {
    toDraw.clear();
    if (getScene() == null) {
      return; // out of a scene nothing is laid out: drawn in turn once the view joins one (a Later part)
    }
    boolean back = model.state() == RunState.ROLLING_BACK || model.state() == RunState.ROLLED_BACK;
    SqlView first = back ? rollback : forward;
    if (joining) { // in the pulse the view joins its scene: its own first styling and layout are that pulse's
      joining = false;
      toDraw.add(first);
    } else {
      first.draw();
    }
    for (SqlView v : back ? List.of(forward, verifySql) : List.of(rollback, verifySql)) {
      if (!v.drawn()) {
        toDraw.add(v);
      }
    }
    toDraw.removeIf(SqlView::drawn);
    if (toDraw.isEmpty()) {
      finish();
      return;
    }
    laidOut = false;
    if (drawingIn != getScene()) {
      finish();
      drawingIn = getScene();
      drawingIn.addPostLayoutPulseListener(afterLayout);
    }
    drawer.start();
  }

  private void finish() {
    drawer.stop();
    if (drawingIn != null) {
      drawingIn.removePostLayoutPulseListener(afterLayout);
      drawingIn = null;
    }
  }

  private void showNote() {
    StepRow row = shown;
    if (row == null) {
      return;
    }
    String err = row.errorProperty().get();
    String n = row.detailProperty().get();
    note.getStyleClass().remove("danger-text");
    if (err != null) {
      note.setText("✖ " + err);
      note.getStyleClass().add("danger-text");
    } else {
      note.setText(n == null ? "—" : n);
    }
  }

  private static String intentOf(backstep.playbook.Step s) {
    if (!s.intent().isBlank()) {
      return s.intent().strip();
    }
    if (s instanceof backstep.playbook.ManualStep m) {
      return "By hand: " + m.instruction().strip();
    }
    if (s instanceof backstep.playbook.GateStep g) {
      return "Decision: " + g.prompt().strip();
    }
    return "(the playbook gives no intent for this step)";
  }

  /** {@code pane} into {@code parent} now, or (the console's page, which joins the window in pieces) {@link Later}. */
  private static void part(boolean inPieces, Pane parent, SqlView pane) {
    if (inPieces) {
      Later.add(parent, pane);
    } else {
      parent.getChildren().add(pane);
    }
  }

  private static Label caption(String s) {
    Label l = new Label(s);
    l.getStyleClass().add("caption");
    return l;
  }

  private static SqlView sqlArea(String id) {
    SqlView a = new SqlView(id);
    a.getStyleClass().add("sql");
    a.setPrefRows(6); // six lines of SQL in sight at 1280×800, under a finding too (SqlPaneFitTest)
    a.setMinHeight(70);
    return a;
  }
}
