package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.ledger.ExportDestination;
import backstep.ui.run.StepRow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the console through its window for the UI tests: lookups by id, waits on what the screen shows (polled
 * by {@link WaitForAsyncUtils}, read on the FX thread), never sleeps.
 */
final class ConsoleDriver {
  private final FxRobot robot;
  private final long pollMillis;
  private Console console;
  private Preferences ownPrefs;

  ConsoleDriver(FxRobot robot) {
    this(robot, 10);
  }

  /**
   * A driver that reads its waits' conditions every {@code pollMillis}: each read is a lookup in the whole scene
   * on the FX thread, so the responsiveness benchmark reads less often than the tests (10 ms, as TestFX's own
   * {@code waitFor}) and measures the console rather than itself.
   */
  ConsoleDriver(FxRobot robot, long pollMillis) {
    this.robot = robot;
    this.pollMillis = pollMillis;
  }

  /**
   * Opens the console on a Backstep home of its own (the real ~/.backstep is never touched), remembering its layout
   * in a preferences node of its own (removed on close; the user's node is never touched).
   */
  Console open(Stage stage, Path home, Path playbooks) {
    Preferences prefs = Preferences.userRoot().node("backstep-test/" + java.util.UUID.randomUUID());
    prefs.putDouble("window.width", 1280); // the laptop size the UI tests were written at, whatever the screen
    prefs.putDouble("window.height", 800);
    Console c = open(stage, home, playbooks, prefs);
    ownPrefs = prefs;
    return c;
  }

  /** As {@link #open(Stage, Path, Path)}, remembering the layout in {@code prefs} (left for the caller). */
  Console open(Stage stage, Path home, Path playbooks, Preferences prefs) {
    backstep.testing.SandboxTemplate.copyInto(home); // no initdb per class: the JVM's seeded sandbox, copied
    console = ConsoleApp.open(stage, new ConsoleConfig(home, playbooks, home.resolve("targets.yaml"), "ana", false,
        ExportDestination.folder(home.resolve("exports")), prefs));
    return console;
  }

  void close() throws Exception {
    if (console != null) {
      WaitForAsyncUtils.asyncFx(() -> console.close()).get(10, TimeUnit.SECONDS).get(20, TimeUnit.SECONDS);
    }
    if (ownPrefs != null) {
      ownPrefs.removeNode();
      ownPrefs = null;
    }
  }

  /** Reads on the FX thread. */
  static <T> T fx(Callable<T> read) {
    try {
      return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void waitUntil(String what, int seconds, Callable<Boolean> condition) {
    ready();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!holds(condition)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + seconds + " s waiting for: " + what + "; status bar: "
            + text("#status-message") + "; run error: " + text("#run-error"));
      }
      WaitForAsyncUtils.sleep(pollMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** A condition that throws (a row not there yet) does not hold yet, as in TestFX's own {@code waitFor}. */
  private static boolean holds(Callable<Boolean> condition) {
    try {
      return fx(condition);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Waits (off the FX thread) until every page is in the window: the first window shows one page and the others
   * join it in the pulses after, and a lookup finds only what is in the window.
   */
  void ready() {
    if (console != null && !javafx.application.Platform.isFxApplicationThread()) {
      try {
        // a deadline for the harness, as TestFX's setup timeout in the pom (180 s), not a limit a test asserts: two
        // console JVMs at load 38 missed 60 s (ConsoleLayoutIT, ConsoleHistoryIT; docs/performance.md)
        console.pagesReady().get(180, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("the console's pages did not join its window", e);
      }
    }
  }

  <T extends Node> T node(String query) {
    ready();
    return robot.lookup(query).query();
  }

  boolean exists(String query) {
    ready();
    return fx(() -> robot.lookup(query).tryQuery().isPresent());
  }

  String text(String query) {
    ready();
    return fx(() -> robot.lookup(query).tryQuery().map(n -> n instanceof Label l ? l.getText()
        : n instanceof Button b ? b.getText() : n.toString()).orElse("(none)"));
  }

  boolean enabled(String buttonId) {
    ready();
    return fx(() -> !robot.lookup(buttonId).queryButton().isDisabled());
  }

  /** Rows of a table drawn with a pseudo-class (e.g. the blockers table's "own-run" highlight). */
  int rowsWith(String table, String pseudoClass) {
    return fx(() -> (int) robot.lookup(table).query().lookupAll(".table-row-cell").stream()
        .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && !r.isEmpty() && r.getItem() != null)
        .filter(n -> n.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals(pseudoClass)))
        .count());
  }

  void waitForSandbox() {
    waitUntil("the sandbox to be connected and its ledger read", 60,
        () -> text("#status-connection").contains("connected") && text("#status-ledger").contains("chain"));
  }

  void click(String query) {
    ready();
    robot.clickOn(query);
  }

  /**
   * Scrolls the page that holds {@code query} so the node is in sight, then clicks it: TestFX clicks where a node
   * is, even below a scroll pane's fold, where the click lands on whatever is drawn there (at 1280×800 the drill
   * page's Replay button is below the fold).
   */
  void revealAndClick(String query) {
    fx(() -> {
      Node node = robot.lookup(query).query();
      for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
        if (p instanceof javafx.scene.control.ScrollPane pane && pane.getContent() != null) {
          Node content = pane.getContent();
          double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
          double room = content.getLayoutBounds().getHeight() - pane.getViewportBounds().getHeight();
          if (room > 0) {
            double at = Math.max(0, Math.min(1, (y - 40) / room));
            pane.setVvalue(pane.getVmin() + at * (pane.getVmax() - pane.getVmin()));
          }
        }
      }
      return null;
    });
    click(query);
  }

  /** Scrolls the sidebar's drill list to the drill titled {@code title} (it may be below the fold) and selects it. */
  void selectDrill(String title) {
    select("#drill-list", title);
  }

  /** Scrolls the list {@code listId} to the item whose text contains {@code text}, then clicks it. */
  void select(String listId, String text) {
    fx(() -> {
      javafx.scene.control.ListView<?> list = robot.lookup(listId).query();
      list.scrollTo(list.getItems().stream()
          .filter(e -> (e instanceof backstep.ui.library.PlaybookEntry p ? p.title()
              : e instanceof backstep.ui.library.HistoryEntry h ? h.title() : e.toString()).contains(text))
          .findFirst().map(list.getItems()::indexOf).orElseThrow());
      return null;
    });
    // the list's own cell: a page elsewhere in the window (the playbook's title, the run's header) may show the
    // same text, and clicking that instead picked nothing
    java.util.function.Supplier<java.util.Optional<javafx.scene.Node>> cell = () -> fx(() -> robot.from(
        robot.lookup(listId).<javafx.scene.Node>query()).lookup(".list-cell").queryAll().stream()
        .filter(n -> n.isVisible() && n instanceof javafx.scene.control.ListCell<?> c && !c.isEmpty()
            && c.getItem() != null && (c.getItem() instanceof backstep.ui.library.PlaybookEntry p ? p.title()
            : c.getItem() instanceof backstep.ui.library.HistoryEntry h ? h.title() : c.getItem().toString())
            .contains(text))
        .findFirst());
    waitUntil(text + " on screen", 10, () -> cell.get().isPresent()); // after the next layout
    robot.clickOn(cell.get().orElseThrow());
  }

  /** Waits for a dialog's button, then clicks it. */
  void answer(String buttonId) {
    waitUntil("dialog button " + buttonId, 30, () -> robot.lookup(buttonId).tryQuery().isPresent());
    robot.clickOn(buttonId);
  }

  @SuppressWarnings("unchecked")
  List<StepRow> checklist() {
    return fx(() -> List.copyOf(((TableView<StepRow>) robot.lookup("#checklist").query()).getItems()));
  }

  StepState state(int index) {
    return fx(() -> checklist().get(index).state());
  }

  /** True when no engine call is in flight and the action bar is back (Preflight enabled or no playbook). */
  boolean idle() {
    return text("#status-engine").equals("engine: idle");
  }

  void waitIdleWithStep(int index, StepState expected) {
    waitUntil("step " + (index + 1) + " " + expected.words(), 60, () -> idle() && state(index) == expected);
  }

  void waitRun(RunState expected) {
    waitUntil("run " + expected.words(), 60, () -> idle()
        && text("#run-state").contains(expected.words().toUpperCase(java.util.Locale.ROOT)));
  }

  void assertAll(StepState expected) {
    List<StepRow> rows = checklist();
    for (StepRow r : rows) {
      assertTrue(fx(r::state) == expected, "step " + (r.index() + 1) + " is " + fx(r::state).words()
          + ", expected " + expected.words());
    }
  }

  /** Writes {@code image} (a capture or a scene snapshot) to {@code file} as PNG. */
  static void writePng(javafx.scene.image.Image image, Path file) throws java.io.IOException {
    javafx.scene.image.PixelReader px = image.getPixelReader();
    java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) image.getWidth(),
        (int) image.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, px.getArgb(x, y));
      }
    }
    javax.imageio.ImageIO.write(out, "png", file.toFile());
  }

  /**
   * Puts the window at the screen's top left at {@code width}×{@code height}, waits until the window and its scene
   * have that size, and lays it out twice (a pane that changes its layout at a new size, tabs or a split, settles).
   */
  void sizeWindow(Stage stage, int width, int height) {
    fx(() -> {
      stage.setX(0);
      stage.setY(0);
      stage.setWidth(width);
      stage.setHeight(height);
      return null;
    });
    waitUntil("the window at " + width + "×" + height, 10, () -> stage.getWidth() == width
        && stage.getHeight() == height && stage.getScene().getWidth() == width
        && stage.getScene().getHeight() == height);
    for (int i = 0; i < 2; i++) {
      fx(() -> {
        stage.getScene().getRoot().applyCss();
        stage.getScene().getRoot().layout();
        return null;
      });
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  /**
   * Sizes the window to the whole screen, so that a capture of the screen is the window at that size (the tours
   * run once per size, under a screen of that size).
   */
  static void fillScreen(Stage stage) {
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
    stage.setX(0);
    stage.setY(0);
    stage.setWidth(screen.getWidth());
    stage.setHeight(screen.getHeight());
  }

  /**
   * Where a tour's capture of the screen goes: {@code out/NAME.png} at 1440×900 (the size the docs link),
   * {@code out/sizes/tour-NAME-WxH.png} at any other.
   */
  static Path screenFile(Path out, String name) {
    javafx.geometry.Rectangle2D screen = fx(() -> javafx.stage.Screen.getPrimary().getBounds());
    int w = (int) screen.getWidth();
    int h = (int) screen.getHeight();
    return w == 1440 && h == 900 ? out.resolve(name + ".png") : out.resolve("sizes").resolve("tour-" + name + "-" + w
        + "x" + h + ".png"); // "tour-": LayoutScreenshots writes run-failed-1280x800.png of its own tour

  }

  void captureScreen(Path file) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    javafx.geometry.Rectangle2D screen = fx(() -> javafx.stage.Screen.getPrimary().getBounds());
    writePng(robot.capture(screen).getImage(), file);
  }

  /**
   * The screen in the light theme ({@code name}, as {@link #screenFile} names it) and in the dark one
   * ({@code name-dark}), then light again: every view of a tour in both themes (issue 15).
   */
  void captureLightAndDark(Path out, String name) throws Exception {
    captureScreen(screenFile(out, name));
    // what the window draws cut, as LayoutScreenshots lists it (target/tour-cuts.txt, read with the pictures)
    javafx.scene.Node root = fx(() -> robot.lookup("#theme-toggle").query().getScene().getRoot());
    Cuts.write(Path.of("target/tour-cuts.txt"), screenFile(out, name).getFileName().toString(),
        WaitForAsyncUtils.asyncFx(() -> Cuts.all(root)).get(60, java.util.concurrent.TimeUnit.SECONDS));
    theme(true);
    captureScreen(screenFile(out, name + "-dark"));
    theme(false);
  }

  /**
   * The console in the dark theme or the light one, as the top bar's toggle sets it: its action run, not a click (a
   * dialog may be open in front of the window, and in a drill the top bar is disabled), and every window restyled
   * before this returns.
   */
  void theme(boolean dark) {
    fx(() -> {
      javafx.scene.control.Button toggle = robot.lookup("#theme-toggle").queryButton();
      if (toggle.getText().contains("Light") != dark) {
        toggle.getOnAction().handle(new javafx.event.ActionEvent(toggle, toggle));
      }
      return null;
    });
    waitUntil(dark ? "the dark theme" : "the light theme", 10, () -> text("#theme-toggle").contains("Light") == dark);
    for (int i = 0; i < 2; i++) { // restyled, then drawn
      WaitForAsyncUtils.waitForFxEvents();
    }
  }

  /**
   * A scratch PostgreSQL database seeded with the demo shop, written into {@code home}'s targets.yaml as the staging
   * target {@code name}; the caller closes (drops) it.
   */
  static backstep.testing.ScratchDb seededStagingTarget(Path home, String name) throws Exception {
    backstep.testing.ScratchDb db = backstep.testing.ScratchDb.create(backstep.testing.ScratchDb.Kind.POSTGRES);
    try (java.sql.Connection c = db.connect()) {
      backstep.db.DemoSchema.seed(c, org.jooq.SQLDialect.POSTGRES, false);
    }
    java.nio.file.Files.writeString(home.resolve("targets.yaml"), """
        targets:
          %s:
            url: %s
            user: postgres
            environment: staging
        """.formatted(name, db.url()));
    return db;
  }
}
