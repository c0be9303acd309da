package backstep.ui.history;

import backstep.engine.HistoryRehearsal;
import backstep.history.History;
import backstep.history.HistoryWriter;
import backstep.playbook.DialectFamily;
import backstep.playbook.Problem;
import backstep.ui.fx.Later;
import backstep.ui.library.HistoryEntry;
import backstep.ui.run.RunView;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The history page: title and where it came from, the three walks (each button says what it will do or why it
 * cannot), what the last walk did, the migrations in apply order with their state on the current target, and the
 * last rehearsal's report.
 */
public final class HistoryView extends StackPane {
  /** How many broken downs are listed in words above the report's table. */
  private static final int BROKEN_SHOWN = 3;
  /** How many migrations the table keeps in sight however short the window (the page scrolls instead). */
  private static final int MIGRATIONS_SHOWN = 4;
  /** A table's header, and a migration's row (two lines: a state's change id and operator), in px. */
  private static final double TABLE_HEAD = 44;
  private static final double MIGRATION_ROW = 50;
  /** How many lines of the rehearsal's report stay in sight however short the window. */
  private static final int REPORT_SHOWN = 2;

  private final HistoryModel model;
  private final VBox problems = new VBox(4);
  private final VBox notes = new VBox(2);

  public HistoryView(HistoryController controller) {
    this.model = controller.model();
    setId("history-view");
    getStyleClass().add("history-view");

    Label title = new Label();
    title.setId("history-title");
    title.getStyleClass().add("page-title");
    title.setWrapText(true);
    title.setMinHeight(Region.USE_PREF_SIZE);
    title.textProperty().bind(model.entryProperty().map(HistoryEntry::title));
    Tooltip where = new Tooltip();
    where.textProperty().bind(model.entryProperty().map(e -> String.valueOf(e.file())));
    title.setTooltip(where);
    Label sub = new Label();
    sub.setId("history-sub");
    sub.getStyleClass().add("hint");
    sub.setWrapText(true);
    sub.setMinHeight(Region.USE_PREF_SIZE);
    sub.textProperty().bind(model.entryProperty().map(HistoryView::subtitle));
    VBox titles = new VBox(4, title, sub);
    titles.setMinWidth(0);
    HBox.setHgrow(titles, Priority.ALWAYS);
    HBox buttons = new HBox(8,
        button(model, HistoryAction.REHEARSE, "⚗ Rehearse history", "history-rehearse", "action-secondary",
            controller::rehearse),
        button(model, HistoryAction.APPLY, "▶ Apply history", "history-apply", "action-primary", controller::apply),
        button(model, HistoryAction.ROLLBACK, "⟲ Roll back history", "history-rollback", "action-danger",
            controller::rollback));
    buttons.setMinWidth(Region.USE_PREF_SIZE);
    HBox head = new HBox(16, titles, buttons);

    Label hint = new Label();
    hint.setId("history-hint");
    hint.getStyleClass().add("action-hint");
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    hint.textProperty().bind(model.whyProperty(HistoryAction.APPLY));

    Label summary = new Label();
    summary.setId("history-summary");
    summary.getStyleClass().add("history-summary");
    summary.setWrapText(true);
    summary.setMinHeight(Region.USE_PREF_SIZE);
    summary.textProperty().bind(Bindings.createStringBinding(() -> HistoryWords.summary(model.rows(),
        model.targetNameProperty().get()), model.rows(), model.targetNameProperty()));

    Label message = new Label();
    message.setId("history-message");
    message.getStyleClass().add("history-message");
    message.setWrapText(true);
    message.setMaxWidth(Double.MAX_VALUE);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    message.visibleProperty().bind(model.messageProperty().isNotEmpty());
    message.managedProperty().bind(message.visibleProperty());
    model.toneProperty().addListener((o, a, t) -> tone(message, t));
    tone(message, model.toneProperty().get());

    MigrationsTable migrations = new MigrationsTable(model);
    // several migrations in sight at any size: at 1280×800, after a walk's message and a rehearsal, the split got
    // what the head left (330 px) and the migrations one row of it; now the page scrolls before a table shrinks
    // below its minimum (HistoryViewTest)
    migrations.minHeightProperty().bind(Bindings.size(model.rows()).map(n -> TABLE_HEAD
        + Math.max(2, Math.min(MIGRATIONS_SHOWN, n.intValue())) * MIGRATION_ROW));
    StackPane migrationsBox = new StackPane(); // each table joins the window on a pulse of its own, after the split
    Later.add(migrationsBox, migrations);
    SplitPane split = new SplitPane(section("MIGRATIONS — in apply order, state from the target's ledger",
        migrationsBox), rehearsalSection(model));
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.52);
    // a fresh report takes the larger part: the migrations table scrolls, the broken downs stay in sight
    model.reportProperty().addListener((o, a, r) -> split.setDividerPositions(r == null ? 0.52 : 0.42));
    split.getStyleClass().add("history-split");
    StackPane splitBox = new StackPane(); // the split joins the window on a pulse of its own, after the page
    Later.add(splitBox, split);
    VBox.setVgrow(splitBox, Priority.ALWAYS);

    problems.setId("history-problems");
    notes.setId("history-notes");
    for (VBox box : new VBox[] {problems, notes}) {
      // no room taken when there is nothing to say
      box.managedProperty().bind(Bindings.isNotEmpty(box.getChildren()));
      box.visibleProperty().bind(box.managedProperty());
    }
    VBox page = new VBox(10, head, new RangeBar(controller), hint, summary, message, problems, notes,
        splitBox);
    page.setPadding(new Insets(18, 22, 14, 22));
    page.getStyleClass().add("page");
    // as tall as the window, or taller (it scrolls) when the head leaves the tables less than their minimum
    ScrollPane scroll = new ScrollPane(page);
    scroll.setId("history-scroll");
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scroll.getStyleClass().add("edge-to-edge");

    Label none = new Label("Pick a history in the library (HISTORIES, under the playbooks) to see its migrations "
        + "in order, their state on the current target, and to apply, roll back or rehearse it as one change set.");
    none.getStyleClass().add("empty-hint");
    none.setWrapText(true);
    StackPane.setMargin(none, new Insets(24));
    none.visibleProperty().bind(model.entryProperty().isNull());
    scroll.visibleProperty().bind(model.entryProperty().isNotNull());
    getChildren().addAll(scroll, none);
    model.entryProperty().addListener((o, a, e) -> showFiles(e));
    showFiles(model.entry());
  }

  /** Name, size, source tool and SQL families (the file is in the title's tooltip). */
  static String subtitle(HistoryEntry e) {
    if (!e.valid()) {
      return String.valueOf(e.file());
    }
    History h = e.history();
    String format = h.migrations().stream().map(p -> p.origin().format()).filter(f -> !f.isEmpty()).findFirst()
        .map(f -> "imported from " + HistoryWriter.formatName(f)).orElse("written for Backstep");
    String dialects = h.migrations().stream().flatMap(p -> p.dialects().stream()).distinct().sorted()
        .map(f -> f == DialectFamily.POSTGRESQL ? "PostgreSQL" : "MySQL/MariaDB").collect(Collectors.joining(", "));
    return h.id() + "  ·  " + h.migrations().size() + " migrations  ·  " + format + "  ·  " + dialects;
  }

  private Node rehearsalSection(HistoryModel model) {
    Label summary = new Label();
    summary.setId("rehearsal-summary");
    summary.getStyleClass().add("hint");
    summary.setWrapText(true);
    summary.setMinHeight(Region.USE_PREF_SIZE);
    summary.textProperty().bind(model.reportProperty().map(HistoryWords::report).orElse(
        "Rehearse history: apply, fingerprint, roll back, compare, apply again — each migration in turn, on a "
            + "scratch database of the target's server (created, then dropped). The target is not changed."));
    VBox broken = new VBox(2);
    broken.setId("rehearsal-broken");
    broken.getStyleClass().add("rehearsal-broken");
    broken.managedProperty().bind(Bindings.isNotEmpty(broken.getChildren()));
    broken.visibleProperty().bind(broken.managedProperty());
    model.reportProperty().addListener((o, a, r) -> showBroken(broken, r));
    RehearsalTable table = new RehearsalTable(model);
    table.setMinHeight(TABLE_HEAD + REPORT_SHOWN * MIGRATION_ROW);
    VBox.setVgrow(table, Priority.ALWAYS);
    VBox report = new VBox(6, summary, broken);
    Later.add(report, table); // after the split, on a pulse of its own (with the migrations' table: 121 new nodes)
    return section("REHEARSAL — every down proven on a scratch database", report);
  }

  /**
   * The broken downs in words above the table, so they are in sight however small the window: each migration,
   * its verdict and what its down left (the table has the whole report).
   */
  private void showBroken(VBox box, HistoryRehearsal.Report r) {
    box.getChildren().clear();
    if (r == null) {
      return;
    }
    List<HistoryRehearsal.Item> broken = r.broken();
    for (HistoryRehearsal.Item i : broken.subList(0, Math.min(BROKEN_SHOWN, broken.size()))) {
      String title = model.rows().stream().filter(row -> row.playbook().id().equals(i.playbookId())).findFirst()
          .map(row -> row.playbook().title()).orElse(i.migration());
      box.getChildren().add(line("✖  " + title + " — " + i.verdict().words() + (i.differences().isEmpty()
          ? ": " + i.detail() : ": " + String.join("; ", i.differences())), "rehearsal-broken-line"));
    }
    if (broken.size() > BROKEN_SHOWN) {
      box.getChildren().add(line("and " + (broken.size() - BROKEN_SHOWN) + " more, in red in the table",
          "rehearsal-broken-line"));
    }
  }

  private void showFiles(HistoryEntry e) {
    problems.getChildren().clear();
    notes.getChildren().clear();
    if (e == null) {
      return;
    }
    if (!e.valid()) {
      Label banner = new Label("✖  " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
          + " — this history cannot run until its files are fixed. Nothing was changed anywhere.");
      banner.getStyleClass().addAll("banner", "banner-danger");
      banner.setMaxWidth(Double.MAX_VALUE);
      banner.setWrapText(true);
      banner.setMinHeight(Region.USE_PREF_SIZE);
      problems.getChildren().add(banner);
      for (Problem p : e.problems()) {
        problems.getChildren().add(line(p.format(), "problem-text"));
      }
      return;
    }
    e.history().notImported().forEach(n -> notes.getChildren().add(line("not imported: " + n, "hint")));
    e.history().warnings().forEach(w -> notes.getChildren().add(line("⚠ " + w, "history-warning")));
  }

  private static Label line(String text, String style) {
    Label l = new Label(text);
    l.getStyleClass().add(style);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    return l;
  }

  private static void tone(Label message, HistoryModel.Tone t) {
    message.getStyleClass().removeIf(c -> c.startsWith("tone-"));
    message.getStyleClass().add("tone-" + t.name().toLowerCase(Locale.ROOT));
  }

  private static VBox section(String header, Node content) {
    Label h = new Label(header);
    h.getStyleClass().add("section-header");
    VBox box = new VBox(6, h, content);
    box.setPadding(new Insets(8, 0, 0, 0));
    if (content instanceof Region r) {
      VBox.setVgrow(r, Priority.ALWAYS);
    }
    return box;
  }

  /** A large button that says what it does or why not (the run view's action buttons, one size smaller). */
  private static StackPane button(HistoryModel model, HistoryAction a, String text, String id, String style,
      Runnable run) {
    Button b = new Button(text);
    b.setId(id);
    b.getStyleClass().addAll("action", style);
    b.setMinHeight(40);
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.disableProperty().bind(model.enabledProperty(a).not());
    b.setOnAction(e -> run.run());
    return RunView.withReason(b, model.whyProperty(a));
  }
}
