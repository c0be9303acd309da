package backstep.ui.library;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.Step;
import backstep.ui.fx.Later;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.animation.AnimationTimer;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A valid playbook's page, built once and filled with each playbook picked: the texts are set in place and the
 * rows (owners, steps, criteria, blast radius) are reused, added or removed by count. A page built again for each
 * playbook brought about 260 new nodes into the window in one pulse — each styled and laid out for the first time —
 * when the library picked the first playbook while the console started, and again at each pick (docs/performance.md,
 * "The console's FX thread", session 13). In the console's window ({@code paced}) a pick's page comes in three
 * pulses: the texts, owners, criteria and blast radius; then the steps; then the lint findings. In one the first
 * pick was 92 new nodes, and the console's frame put its next piece in the same pulse (162: session 20). FX thread
 * only.
 */
final class PlaybookSheet extends VBox {
  private static final Object ROW = new Object(); // marks a reusable row (a "—" for an empty list is not one)

  private final Label title = new Label();
  private final Label sub = new Label();
  private final Button notice = new Button("Pre-change notice…");
  private final FlowPane owners = new FlowPane(6, 6);
  private final Label intent = text("playbook-intent");
  private final Label mvc = text("playbook-mvc");
  private final Label remediation = text("playbook-remediation");
  private final VBox success = new VBox(4);
  private final VBox blast = new VBox(8);
  private final Label afterForward = new Label();
  private final Label afterRollback = new Label();
  private final VBox steps = new VBox(4);
  private final VBox lint = new VBox();
  private Playbook shown;
  /** The pick's later parts, one a pulse, each pulse claimed ({@link Later#claim}); null when filled at once. */
  private final ArrayDeque<Runnable> later;
  private final AnimationTimer pulses = new AnimationTimer() {
    @Override
    public void handle(long now) {
      Runnable next = later.poll();
      if (next == null) {
        stop();
        return;
      }
      Later.claim(PlaybookSheet.this);
      next.run();
    }
  };

  /** {@code paced}: a pick's page in pieces, a pulse each, while in a window that shows. */
  PlaybookSheet(Runnable openRun, Supplier<Consumer<Playbook>> openNotice, boolean paced) {
    super(14);
    later = paced ? new ArrayDeque<>() : null;
    getStyleClass().add("page");
    setPadding(new Insets(20, 24, 24, 24));
    title.setId("playbook-title");
    title.getStyleClass().add("page-title");
    title.setWrapText(true);
    sub.getStyleClass().add("hint");
    Button run = new Button("Open in run view  ▸");
    run.setId("open-run");
    run.getStyleClass().addAll("accent");
    run.setMinWidth(Region.USE_PREF_SIZE);
    run.setOnAction(ev -> openRun.run());
    notice.setId("open-notice");
    notice.setMinWidth(Region.USE_PREF_SIZE);
    notice.setOnAction(ev -> openNotice.get().accept(shown));
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox head = new HBox(12, new VBox(4, title, sub), gap, notice, run);

    owners.setId("playbook-owners");
    success.setId("playbook-success");
    blast.setId("playbook-blast");
    steps.setId("playbook-steps");
    GridPane grid = new GridPane();
    grid.setHgap(14);
    grid.setVgap(14);
    ColumnConstraints half = new ColumnConstraints();
    half.setPercentWidth(50);
    grid.getColumnConstraints().addAll(half, half);
    grid.add(card("Intent", intent), 0, 0);
    grid.add(card("Minimum viable change", mvc), 1, 0);
    grid.add(card("Blast radius", blast), 0, 1);
    grid.add(card("Success criteria", success), 1, 1);
    grid.add(card("Remediation", remediation), 0, 2);
    VBox expected = new VBox(8, labelled("After forward", afterForward), labelled("After rollback", afterRollback));
    expected.setId("playbook-expected");
    grid.add(card("Expected states", expected), 1, 2);
    getChildren().addAll(head, section("OWNERS", owners), grid, section("STEPS", steps), section("LINT", lint));
  }

  /** Shows {@code e} (a valid playbook) in the page's nodes; {@code noticeShown} whether notices can be opened. */
  void fill(PlaybookEntry e, boolean noticeShown) {
    Playbook p = e.playbook();
    shown = p;
    title.setText(p.title());
    String dialects = p.dialects().stream().map(PlaybookSheet::dialectName).collect(Collectors.joining(", "));
    sub.setText(p.id() + "  ·  version " + p.version() + "  ·  " + p.steps().size() + " steps  ·  " + dialects);
    notice.setVisible(noticeShown);
    notice.setManaged(noticeShown);
    rows(owners, p.owners(), () -> chip("chip"), (n, o) -> ((Label) n).setText(o), false);
    intent.setText(dash(p.intent()));
    mvc.setText(dash(p.minimumViableChange()));
    remediation.setText(dash(p.remediation()));
    rows(success, p.successCriteria(), () -> prose(new Label()),
        (n, s) -> ((Label) n).setText("•  " + s.strip()), true);
    rows(blast, p.blastRadius(), PlaybookSheet::blastRow, PlaybookSheet::blastFill, true);
    Playbook.Expected x = p.expected();
    afterForward.setText(dash(x == null ? null : x.afterForward()));
    afterRollback.setText(dash(x == null ? null : x.afterRollback()));
    List<Step> all = p.steps();
    Runnable stepRows = () -> rows(steps, IntStream.range(0, all.size()).boxed().toList(), PlaybookSheet::stepRow,
        (n, i) -> stepFill((HBox) n, i, all.get(i)), false);
    Runnable findings = () -> lint.getChildren().setAll(new LintFindingsView(e));
    if (later == null || getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
      stepRows.run();
      findings.run();
      return;
    }
    Later.claim(this); // this pulse: the texts and the rows above
    later.clear(); // a pick not yet whole: the new one's parts instead
    later.add(() -> { }); // the pick's own pulse (the timer's first call comes in it)
    later.add(stepRows);
    later.add(findings);
    pulses.start();
  }

  /**
   * Brings {@code box}'s rows to {@code items}: the rows there are refilled in order, missing ones made, extra ones
   * removed; an empty list shows "—" when {@code dashWhenEmpty}.
   */
  private static <T> void rows(Pane box, List<T> items, Supplier<Node> make, BiConsumer<Node, T> fill,
      boolean dashWhenEmpty) {
    ObservableList<Node> kids = box.getChildren();
    kids.removeIf(n -> n.getUserData() != ROW);
    if (kids.size() > items.size()) {
      kids.remove(items.size(), kids.size());
    }
    for (int i = 0; i < items.size(); i++) {
      if (i == kids.size()) {
        Node row = make.get();
        row.setUserData(ROW);
        kids.add(row);
      }
      fill.accept(kids.get(i), items.get(i));
    }
    if (items.isEmpty() && dashWhenEmpty) {
      kids.add(new Label("—"));
    }
  }

  private static Node stepRow() {
    Label n = chip("step-number");
    Label kind = new Label();
    Label t = chip("step-outline-title");
    Label id = chip("hint");
    HBox row = new HBox(10, n, kind, t, id);
    row.getStyleClass().add("outline-row");
    return row;
  }

  private static void stepFill(HBox row, int i, Step s) {
    List<Node> k = row.getChildren();
    ((Label) k.get(0)).setText(String.valueOf(i + 1));
    Label kind = (Label) k.get(1);
    kind.setText(s.kind());
    List<String> classes = List.of("label", "kind-chip", "kind-" + s.kind());
    if (!kind.getStyleClass().equals(classes)) { // a class changed restyles that label only
      kind.getStyleClass().setAll(classes);
    }
    ((Label) k.get(2)).setText(s.title());
    ((Label) k.get(3)).setText(s.id());
  }

  private static Node blastRow() {
    Label sys = chip("blast-system");
    sys.setWrapText(true);
    return new VBox(1, sys, prose(new Label()));
  }

  private static void blastFill(Node row, Playbook.BlastRadius b) {
    List<Node> k = ((VBox) row).getChildren();
    ((Label) k.get(0)).setText(b.system());
    ((Label) k.get(1)).setText(b.impact());
  }

  private static String dialectName(DialectFamily f) {
    return f == DialectFamily.POSTGRESQL ? "PostgreSQL" : "MySQL/MariaDB";
  }

  private static String dash(String s) {
    return s == null || s.isBlank() ? "—" : s.strip();
  }

  private static Label chip(String styleClass) {
    Label l = new Label();
    l.getStyleClass().add(styleClass);
    return l;
  }

  private static Label prose(Label l) {
    l.setWrapText(true);
    l.getStyleClass().add("prose");
    return l;
  }

  private static Label text(String id) {
    Label l = prose(new Label());
    l.setId(id);
    return l;
  }

  static VBox section(String header, Node content) {
    Label h = chip("section-header");
    h.setText(header);
    return new VBox(6, h, content);
  }

  private static VBox card(String title, Node content) {
    Label h = chip("card-title");
    h.setText(title);
    VBox box = new VBox(8, h, content);
    box.getStyleClass().add("card");
    box.setMaxHeight(Double.MAX_VALUE);
    GridPane.setVgrow(box, Priority.ALWAYS);
    GridPane.setFillHeight(box, true);
    return box;
  }

  private static VBox labelled(String k, Label value) {
    Label key = chip("caption");
    key.setText(k.toUpperCase(Locale.ROOT));
    prose(value);
    return new VBox(1, key, value);
  }
}
