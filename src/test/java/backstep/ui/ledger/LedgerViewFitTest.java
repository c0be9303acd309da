package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.Cuts;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.Theme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ledger at the size its page gets in a 1280×800 window (984×615), the failing sample's run rolled back: every
 * cell of the runs, steps and events tables drawn whole. Fourteen ended in "…" (the change id, the playbook, the
 * start, the step names, the events' times and details). In a window of its own (TestFX's primary stage is shared).
 */
@ExtendWith(ApplicationExtension.class)
class LedgerViewFitTest {
  private static final Instant T0 = Instant.parse("2026-12-07T01:32:16Z");
  private final LedgerModel model = new LedgerModel();
  private Stage stage;
  private LedgerView view;

  @Start
  void start(Stage primary) {
    view = new LedgerView(new LedgerController(model, new UiThread(), Runnable::run, null, () -> null));
    while (Later.attachOne(view)) {
      // the steps, events and form join the page, as the console's ShellView attaches them
    }
    stage = new Stage();
    stage.setScene(new Scene(view, 984, 615));
    new Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  private static EventRecord ev(long seq, long ms, String type, String step, String actor, String detail) {
    return new EventRecord(seq, "run-1", T0.plusMillis(ms), type, step, actor, detail, "p" + seq, "h" + seq);
  }

  private static StepRecord step(int i, String id, long from, long to, long rows) {
    return new StepRecord("run-1", i, id, "sql", StepState.ROLLED_BACK, 1, 1, 1, rows, 1, "ana", T0.plusMillis(from),
        T0.plusMillis(to), null, null);
  }

  /**
   * A run of 25 events at 1280×800: ten or more whole events in sight at once, each on one line (its detail a
   * one-line summary, shortened only where the whole is in its tooltip and in the form), and the selected event's
   * form beside them. The Detail column was 150 px wide and its cells wrapped to many lines: one or two events at a
   * time.
   */
  @Test
  void tenEventsOneLineEachAreInSightAt1280x800() throws Exception {
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      events.add(ev(i, 1000 + 200L * i, i % 2 == 0 ? "STEP_APPLIED" : "FINGERPRINT", i % 2 == 0 ? "backfill-name-key"
          : null, "ana", "{\"label\":\"run\",\"sha256\":\"521ecee049caa9fbc91440df805971a657c14951922eea2219b5e7ec0"
          + "034e010\",\"schema_tables\":3,\"data_tables\":[\"customers\",\"orders\"],\"effect\":[\"column "
          + "customers.name_key added\"]}"));
    }
    show(events, List.of(step(0, "add-name-key", 1500, 1710, 0)));
    WaitForAsyncUtils.asyncFx(() -> {
      TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
      table.getSelectionModel().select(24);
    }).get();
    settle();
    TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
    int whole = WaitForAsyncUtils.asyncFx(() -> wholeRows(table)).get();
    double tallest = WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".table-row-cell").stream()
        .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getTableView() == table && !r.isEmpty())
        .mapToDouble(n -> ((javafx.scene.layout.Region) n).getHeight()).max().orElse(0)).get();
    String cells = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").stream()
        .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getIndex() == 0)
        .map(n -> ((TableCell<?, ?>) n).getText() + " " + Math.round(((TableCell<?, ?>) n).getHeight()) + "/"
            + Math.round(((TableCell<?, ?>) n).prefHeight(-1)) + " " + ((TableCell<?, ?>) n).getPadding())
        .toList().toString()).get();
    assertTrue(whole >= 10, "whole events in sight: " + whole + ", rows " + tallest + " px high in a table "
        + table.getHeight() + " px high; " + cells);
    assertTrue(tallest < 34, "an event's row is one line high: " + tallest + " px");
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(table)).get();
    assertTrue(cut.stream().allMatch(c -> c.contains("whole in its tooltip")), "shortened without a tooltip: " + cut);
    assertEquals(List.of(), cut.stream().filter(c -> c.startsWith("'STEP_APPLIED'") || c.startsWith("'FINGERPRINT'")
        || c.matches("'[0-9:.]+' .*")).toList(), "an event's number, time and type drawn whole");
    javafx.scene.Node form = view.lookup("#ledger-event-detail");
    double[] formBox = WaitForAsyncUtils.asyncFx(() -> new double[] {form.isVisible() ? 1 : 0,
        form.getLayoutBounds().getHeight()}).get();
    assertTrue(formBox[0] == 1 && formBox[1] >= 200, "the event's form in sight, " + formBox[1] + " px high");
    assertTrue(WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".event-form-name").size()).get() > 3,
        "the selected event's fields in the form");
  }

  /**
   * The failing sample's real run (applied to the duplicate, failed, rolled back and proven: 23 events, from `backstep
   * audit export --format json` on the sandbox) at 1280×800: the Detail column was 110 px and ended 23 of 23
   * details in "…" ("attempts 1 · r…", "direction FOR…", "error stateme…": the JSON's fields in stored order, the
   * telling one last). Each detail now begins with what a DBA reads first (the rows, the error's SQLSTATE, the
   * proof's verdict) and no fact is cut: as many whole facts as fit, "+N" for the rest (whole in the tooltip and the
   * form), and still ten events or more in sight, one line each.
   */
  @Test
  void aRealRunsDetailsAreWholeFactsAt1280x800() throws Exception {
    com.fasterxml.jackson.databind.JsonNode json = backstep.playbook.Json.MAPPER.readTree(
        LedgerViewFitTest.class.getResourceAsStream("failed-run-events.json"));
    List<EventRecord> events = new ArrayList<>();
    json.forEach(e -> events.add(new EventRecord(e.get("seq").asLong(), "run-1", Instant.parse(e.get("at").asText()),
        e.get("type").asText(), e.get("step").isNull() ? null : e.get("step").asText(), e.get("actor").asText(),
        e.get("detail").asText(), e.get("prev").asText(), e.get("hash").asText())));
    show(events, List.of(step(0, "add-name-key", 1500, 1710, 0), step(1, "backfill-name-key", 1800, 3200, 20000),
        step(2, "unique-name-key", 3300, 3900, 0)));
    TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
    List<String> details = new ArrayList<>();
    List<String> first = new ArrayList<>();
    for (int top = 0; top < events.size(); top += 8) {
      int at = top;
      WaitForAsyncUtils.asyncFx(() -> table.scrollTo(at)).get();
      settle();
      details.addAll(WaitForAsyncUtils.asyncFx(() -> Cuts.elided(table).stream()
          .filter(c -> !c.matches("'[0-9:.#]+'.*")).toList()).get());
      first.addAll(WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").stream()
          .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableColumn() != null
              && "Detail".equals(c.getTableColumn().getText()) && c.getText() != null)
          .map(n -> ((TableCell<?, ?>) n).getText()).toList()).get());
    }
    String said = WaitForAsyncUtils.asyncFx(() -> table.getColumns().stream()
        .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList() + " in a table "
        + Math.round(table.getWidth()) + " wide").get();
    assertEquals(List.of(), details.stream().distinct().toList(), "details cut; columns " + said);
    assertTrue(first.stream().anyMatch(t -> t.startsWith("✖ unique violation")), "the failure's SQLSTATE first: "
        + first);
    assertTrue(first.stream().anyMatch(t -> t.startsWith("✔ proven")), "the proof's verdict first: " + first);
    WaitForAsyncUtils.asyncFx(() -> table.scrollTo(0)).get();
    settle();
    assertTrue(WaitForAsyncUtils.asyncFx(() -> wholeRows(table)).get() >= 10, "ten events in sight");
  }

  /**
   * Regression (issue 15): at 1280×800 the events' Step column was squeezed to its header's width and drew the step of
   * each event "add…", "bac…", "uni…" (whole only in a tooltip), while a step's id is what a reader looks for in the
   * events: the column is as wide as the run's longest step id, and the Detail column (whose summary is whole in the
   * form beside the table) gives way.
   */
  @Test
  void theEventsStepIdsAreDrawnWholeAt1280x800() throws Exception {
    List<EventRecord> events = new ArrayList<>();
    String[] ids = {"add-name-key", "backfill-name-key", "unique-name-key"};
    for (int i = 1; i <= 12; i++) {
      events.add(ev(i, 1000 + 200L * i, "STATEMENT_SENT", ids[i % 3], "ana", "{\"direction\":\"FORWARD\","
          + "\"statement\":1,\"of\":1,\"sql\":\"UPDATE customers SET name_key = lower(name)\"}"));
    }
    show(events, List.of(step(0, "add-name-key", 1500, 1710, 0)));
    TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(table)).get();
    String said = WaitForAsyncUtils.asyncFx(() -> table.getColumns().stream()
        .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList() + " in a table "
        + Math.round(table.getWidth()) + " wide").get();
    assertEquals(List.of(), cut.stream().filter(c -> java.util.Arrays.stream(ids).anyMatch(id -> c.startsWith("'" + id
        + "'"))).toList(), "step ids drawn shortened; columns " + said);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> table.getColumns().get(5).getWidth()).get() >= 80,
        "the Detail column keeps a few words: " + said);
  }

  /**
   * Regression (issue 15): at 1280×800 two CHECK events' first fact, a long check name ("✔ customer data unchanged
   * after rollback", "✔ every customer has email_verified" of add-email-verified), ended in "…" in the Detail column,
   * whole only in the tooltip and the form (docs/console.md, session 17's pictures). A first fact too long for the
   * column is drawn whole on two lines, broken between words; its row is two lines high; still ten events in sight.
   */
  @Test
  void aLongCheckNameIsDrawnWholeAt1280x800() throws Exception {
    String[] names = {"customers keep every row", "customer data unchanged after rollback", "no orphan orders",
        "emails stay unique", "every customer has email_verified"};
    List<EventRecord> events = new ArrayList<>();
    events.add(ev(1, 1000, "RUN_STARTED", null, "ana", "{\"to_step\":\"notify\",\"environment\":\"sandbox\","
        + "\"server\":\"PostgreSQL 15.19\",\"playbook_version\":3}"));
    // as the real run has them: the five checks before the run, its steps' events, the five again after it
    for (int i = 0; i < 19; i++) {
      boolean check = i < 5 || i >= 14;
      events.add(check ? ev(i + 2, 1100 + 20L * i, "CHECK", null, "check", "{\"name\":\"" + names[i % names.length]
          + "\",\"phase\":\"before\",\"value\":\"0\",\"before\":null,\"expected\":\"0\",\"passed\":true,"
          + "\"detail\":null,\"ms\":12,\"basis\":null}")
          : ev(i + 2, 1100 + 20L * i, "STEP_APPLIED", "add-column", "ana", "{\"attempts\":1,\"rows\":0,\"ms\":236}"));
    }
    show(events, List.of(step(0, "add-column", 1500, 1710, 0)));
    TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(table).stream()
        .filter(c -> !c.matches("'[0-9:.#]+'.*")).toList()).get();
    String said = WaitForAsyncUtils.asyncFx(() -> table.getColumns().stream()
        .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList() + " in a table "
        + Math.round(table.getWidth()) + " wide").get();
    assertEquals(List.of(), cut, "details cut; columns " + said);
    List<String> drawn = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").stream()
        .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableColumn() != null
            && "Detail".equals(c.getTableColumn().getText()) && c.getText() != null && c.isVisible())
        .map(n -> ((TableCell<?, ?>) n).getText()).toList()).get();
    // the row as tall as the cell's lines: the rows' fixed 22 px cut the second line off, with no "…" to say so
    List<String> clipped = WaitForAsyncUtils.asyncFx(() -> table.lookupAll(".table-cell").stream()
        .filter(n -> n instanceof TableCell<?, ?> c && !c.isEmpty() && c.isVisible() && c.getText() != null
            && c.getText().contains("\n"))
        .map(n -> (TableCell<?, ?>) n)
        .filter(c -> c.getChildrenUnmodifiable().stream().anyMatch(t -> t instanceof javafx.scene.text.Text x
            && x.getLayoutBounds().getHeight() > c.getHeight() - c.snappedTopInset() - c.snappedBottomInset() + 0.01))
        .map(c -> "'" + c.getText().replace('\n', '/') + "' in a cell " + c.getHeight() + " px high, its text "
            + c.getChildrenUnmodifiable().stream().filter(t -> t instanceof javafx.scene.text.Text).findFirst()
            .map(t -> t.getLayoutBounds().getHeight()).orElse(0.0) + " px")
        .toList()).get();
    assertEquals(List.of(), clipped, "two-line details cut at the bottom");
    for (String name : new String[] {names[1], names[4]}) {
      assertTrue(drawn.stream().anyMatch(t -> t.replace('\n', ' ').startsWith("✔ " + name)), "'" + name
          + "' drawn whole, on two lines broken between words: " + drawn);
    }
    assertTrue(WaitForAsyncUtils.asyncFx(() -> wholeRows(table)).get() >= 10, "ten events in sight");
  }

  /**
   * The steps' ids at 1280×800 break only after a hyphen, never inside a word: "add-name-key" was drawn
   * "add-/name/-/key" and "backfill-name-key" "backf/ill-/name/-/key" in a column squeezed to its header's width.
   */
  @Test
  void stepIdsAreNeverSplitInsideAWordAt1280x800() throws Exception {
    show(List.of(ev(1, 1000, "RUN_STARTED", null, "ana", "{}")), List.of(step(0, "add-name-key", 1500, 1710, 0),
        step(1, "backfill-name-key", 1800, 3200, 20000), step(2, "unique-name-key", 3300, 3900, 0)));
    // the Step column as narrow as it may be, as the console's table had it at 1280×800 (55 px)
    WaitForAsyncUtils.asyncFx(() -> ((TableView<?>) view.lookup("#ledger-steps")).getColumns().get(1).setPrefWidth(0))
        .get();
    settle();
    WaitForAsyncUtils.asyncFx(() -> {
      // the steps' tab selected, where the steps have one
      view.lookupAll(".tab-pane").forEach(n -> ((javafx.scene.control.TabPane) n).getTabs().stream()
          .filter(t -> "ledger-tab-steps".equals(t.getId())).findFirst()
          .ifPresent(t -> ((javafx.scene.control.TabPane) n).getSelectionModel().select(t)));
    }).get();
    settle();
    List<String> broken = WaitForAsyncUtils.asyncFx(() -> {
      List<String> out = new ArrayList<>();
      for (javafx.scene.Node n : view.lookup("#ledger-steps").lookupAll(".cell-text")) {
        String drawn = ((javafx.scene.text.Text) n).getText();
        String[] lines = drawn.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
          if (!lines[i].endsWith("-") && !lines[i].endsWith("_") && !lines[i].endsWith(".")) {
            out.add(drawn.replace("\n", "/"));
            break;
          }
        }
      }
      return out;
    }).get();
    String widths = WaitForAsyncUtils.asyncFx(() -> ((TableView<?>) view.lookup("#ledger-steps")).getColumns().stream()
        .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList() + " in a table "
        + Math.round(((TableView<?>) view.lookup("#ledger-steps")).getWidth()) + " wide").get();
    assertEquals(List.of(), broken, "step ids split inside a word; columns " + widths);
    assertTrue(WaitForAsyncUtils.asyncFx(() -> view.lookup("#ledger-steps").lookupAll(".cell-text").stream()
        .anyMatch(n -> ((javafx.scene.text.Text) n).getText().replace("\n", "").equals("backfill-name-key"))).get(),
        "the steps' ids in sight");
  }

  /**
   * At 1920×1080 (the page 1656×915) the events' number, time, type and who keep the width their values need and the
   * Detail column takes what the table gains: the table's policy grew every column alike, Time to 225 px and Event
   * to 300 px beside a Detail of 275 px that still ended its summaries in "…".
   */
  @Test
  void theDetailColumnTakesTheRoomAt1920x1080() throws Exception {
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(ev(i, 1000 + 200L * i, "STEP_APPLIED", "backfill-name-key", "ana", "{\"attempts\":1,\"rows\":20000,"
          + "\"ms\":969,\"effect\":[\"column customers.name_key added\"]}"));
    }
    show(events, List.of(step(0, "backfill-name-key", 1500, 1710, 0)));
    WaitForAsyncUtils.asyncFx(() -> {
      stage.setWidth(1656);
      stage.setHeight(915);
    }).get();
    settle();
    TableView<?> table = (TableView<?>) view.lookup("#ledger-events");
    List<Double> widths = WaitForAsyncUtils.asyncFx(() -> table.getColumns().stream()
        .map(c -> c.getWidth()).toList()).get();
    String said = WaitForAsyncUtils.asyncFx(() -> table.getColumns().stream()
        .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList() + " in a table "
        + Math.round(table.getWidth()) + " wide").get();
    assertTrue(widths.get(0) <= 37 && widths.get(1) <= 109 && widths.get(2) <= 169 && widths.get(4) <= 77,
        "#, Time, Event and Who as wide as their values: " + said);
    assertTrue(widths.get(5) >= 400, "the Detail column takes the room: " + said);
  }

  private void show(List<EventRecord> events, List<StepRecord> steps) throws Exception {
    RunRecord run = new RunRecord("run-1", "CHG-20261207-013216-38f5", "sandbox", "dedupe-customers-fails", 1,
        "21f702f6f89d904375ec9d7cdf52548ac1293d6836e2ad281c09eb5e0c31327a", "dedupe-customers-fails.yaml", "POSTGRES",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0.plusMillis(24_000), T0.plusMillis(24_000), null);
    WaitForAsyncUtils.asyncFx(() -> {
      model.mutableRuns().add(run);
      model.setSelected(run);
      model.setDetail(new LedgerReader.RunDetail(run, steps, events, null));
    }).get();
    settle();
  }

  private static void settle() {
    for (int i = 0; i < 3; i++) { // a wrapped cell's lines follow its column's width: a pulse or two
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  /** Rows of {@code table} drawn whole inside its rows' area (under the header, above its bottom). */
  private static int wholeRows(TableView<?> table) {
    javafx.scene.Node flow = table.lookup(".virtual-flow");
    javafx.geometry.Bounds area = flow.localToScene(flow.getLayoutBounds());
    int n = 0;
    for (javafx.scene.Node r : table.lookupAll(".table-row-cell")) {
      if (r instanceof javafx.scene.control.TableRow<?> row && !row.isEmpty() && row.isVisible()
          && row.getIndex() < table.getItems().size()) {
        javafx.geometry.Bounds b = row.localToScene(row.getLayoutBounds());
        if (b.getMinY() >= area.getMinY() - 1 && b.getMaxY() <= area.getMaxY() + 1) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Regression (issue 15, the ledger's long frame): every one-line cell made its tooltip with the cell, eight a row,
   * each styled as it was made: a third of the FX-thread samples of the frame in which a selected run's twenty-odd
   * events came in. A tooltip now comes with a cell drawn shortened ("…"), holding its whole value, and only then.
   */
  @Test
  void onlyACellDrawnShortenedHasATooltip() throws Exception {
    RunRecord run = new RunRecord("run-1", "CHG-1", "sandbox", "dedupe-customers-fails", 1, "sha", "p.yaml",
        "POSTGRES", RunState.FAILED, "ana", "ana", "host", 1, null, T0, T0.plusMillis(3000), null, null);
    List<EventRecord> events = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      // a long value shortened in the Detail column (the step ids are drawn whole since issue 15's shots)
      events.add(ev(i, 100L * i, "STEP_APPLIED", "add-name-key", "ana", i % 3 == 0 ? "{\"effect\":\"column "
          + "customers.name_key added, with a default that every existing row of customers is given at once\"}"
          : "{\"rows\":" + i + "}"));
    }
    WaitForAsyncUtils.asyncFx(() -> {
      model.mutableRuns().add(run);
      model.setSelected(run);
      model.setDetail(new LedgerReader.RunDetail(run, List.of(), events, null));
    }).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    List<String> tips = WaitForAsyncUtils.asyncFx(() -> view.lookup("#ledger-events").lookupAll(".table-cell")
        .stream().filter(n -> n instanceof TableCell<?, ?> c && c.getTooltip() != null)
        .map(n -> ((TableCell<?, ?>) n).getTooltip().getText()).toList()).get();
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view.lookup("#ledger-events"))).get();
    assertTrue(!cut.isEmpty() && cut.stream().allMatch(c -> c.contains("whole in its tooltip")), cut.toString());
    assertEquals(cut.size(), tips.size(), "cells with a tooltip " + tips + ", drawn shortened " + cut);
  }

  @Test
  void everyCellOfARolledBackRunIsDrawnWholeAt1280x800() throws Exception {
    RunRecord run = new RunRecord("run-1", "CHG-20261207-013216-38f5", "sandbox", "dedupe-customers-fails", 1,
        "21f702f6f89d904375ec9d7cdf52548ac1293d6836e2ad281c09eb5e0c31327a", "dedupe-customers-fails.yaml", "POSTGRES",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0.plusMillis(24_000), T0.plusMillis(24_000), null);
    List<EventRecord> events = new ArrayList<>();
    events.add(ev(1, 1000, "RUN_STARTED", null, "ana", "{\"playbook_sha256\":\"21f702f6f89d904375ec9d7cdf52548ac1293d"
        + "6836e2ad281c09eb5e0c31327a\",\"playbook_version\":1,\"target_url\":\"embedded sandbox\",\"environment\":"
        + "\"sandbox\",\"server\":\"PostgreSQL 15.19\",\"to_step\":\"add-name-key\"}"));
    events.add(ev(2, 1480, "FINGERPRINT", null, "backstep", "{\"label\":\"run\",\"sha256\":\"521ecee049caa9fbc91440df8"
        + "05971a657c14951922eea2219b5e7ec0034e010\",\"schema_tables\":3,\"data_tables\":[\"customers\"]}"));
    events.add(ev(3, 1710, "STEP_APPLIED", "add-name-key", "ana", "{\"attempts\":1,\"rows\":0,\"ms\":223,"
        + "\"effect\":[\"column customers.name_key added\"]}"));
    events.add(ev(4, 1770, "RUN_RESUMED", null, "ana", "{\"from_state\":\"PAUSED\",\"from_step\":\"backfill-name-key\","
        + "\"policy\":{\"rule\":\"sandbox.apply\",\"gates\":[],\"from\":\"built-in\"}}"));
    events.add(ev(5, 24_000, "RUN_ROLLED_BACK", null, "ana", "{\"state\":\"ROLLED_BACK\"}"));
    LedgerReader.RunDetail detail = new LedgerReader.RunDetail(run, List.of(step(0, "add-name-key", 1500, 1710, 0),
        step(1, "backfill-name-key", 1800, 3200, 20000), step(2, "unique-name-key", 3300, 3900, 0)), events, null);
    WaitForAsyncUtils.asyncFx(() -> {
      model.mutableRuns().add(run);
      model.setSelected(run);
      model.setDetail(detail);
    }).get();
    for (int i = 0; i < 3; i++) { // a wrapped cell's lines follow its column's width: a pulse or two
      WaitForAsyncUtils.waitForFxEvents();
    }
    int rows = WaitForAsyncUtils.asyncFx(() -> ((TableView<?>) view.lookup("#ledger-events")).getItems().size()
        + ((TableView<?>) view.lookup("#ledger-steps")).getItems().size()).get();
    assertEquals(8, rows, "the steps and events shown");
    // shortened only in the events' one-line cells, whole in their tooltips (and in the form)
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view)).get();
    assertEquals(List.of(), cut.stream().filter(c -> !c.contains("whole in its tooltip")).toList(),
        "cells drawn shortened");
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view.lookup("#ledger-runs"))).get(),
        "the runs drawn whole");
    assertTrue(WaitForAsyncUtils.asyncFx(() -> Cuts.pastTheRightEdge(view)).get().isEmpty(), "inside the window");
  }
}
