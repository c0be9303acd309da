package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.ShellView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regression (issue 15, the frames at the sandbox's start and at a playbook's first opening): the run page's checklist
 * joined the window with the first playbook's rows in one pulse (216 new nodes, 114 ms of FX-thread CPU headless), the
 * step's tab pane with the step detail and the event log in one pulse (193), and a playbook opened later brought its
 * rows and its first step's SQL in one pulse (155 in the benchmark). Counted, not timed: the nodes new to the window
 * in each pulse, the run page put into the window a piece a pulse by {@code ShellView}, as the console does, in a
 * window of 1280×800 (the laptop size, and Monocle's headless screen).
 */
@ExtendWith(ApplicationExtension.class)
class RunPagePulsesTest {
  /**
   * The most nodes one pulse may bring into the window: main made 234 here for the checklist with its first rows and
   * 193 for the step's tab pane; the run page's own frame (80, the page without its parts) is the largest now.
   */
  static final int MOST_A_PULSE = 90;

  /** A playbook of 30 steps, written once for the class. */
  private static final Path LONG = longPlaybook();

  private RunController controller;
  private ShellView shell;
  private Stage stage;
  private final EveryFrame pulses = new EveryFrame(); // a pulse every frame, as the console's live panels

  @Start
  void start(Stage primary) {
    stage = primary;
    controller = new RunController(new RunModel(), null, new UiThread(), Runnable::run, Clock.systemUTC(),
        () -> "ana", () -> primary, Set::of);
    RunView run = new RunView(controller, new Region()); // with a right column: its parts join a pulse each
    shell = new ShellView(new Label("top"), new Label("library"), new Label("targets"), new Label("playbook"), run,
        new Label("ledger"), new Label("status"));
    EveryFrame.show(stage, shell, 1280, 800);
  }

  @AfterEach
  void stopPulses() throws Exception {
    pulses.stopFromTest();
  }

  /**
   * At the console's start the library's first pick lands while the run page is still joining the window (hidden,
   * behind the Playbook tab): its checklist and its step detail join it with the playbook's rows and first step.
   */
  @Test
  void theRunPageJoinsWithItsFirstRowsAFewNodesAPulse() throws Exception {
    Playbook pb = load("add-email-verified.yaml");
    NewNodes counter = fx(() -> {
      pulses.start();
      controller.showPlaybook(Path.of("playbooks/add-email-verified.yaml"), pb, 0);
      NewNodes n = NewNodes.afterNow(stage.getScene());
      shell.attachRest(page -> { });
      return n;
    });
    Await.until("every page whole", Duration.ofSeconds(60), () -> fx(() -> shell.attached().isDone()));
    settle(pb, counter);
  }

  /**
   * A playbook picked later in the library (the benchmark's "open a playbook": picked on the Playbook page, then the
   * Run tab clicked) brings its rows and its first step a few nodes a pulse.
   */
  @Test
  void aPlaybookOpenedLaterBringsItsRowsAFewNodesAPulse() throws Exception {
    firstOnTheRunPage();
    fx(() -> {
      shell.show(ShellView.Page.PLAYBOOK);
      return null;
    });
    Playbook next = load("dedupe-customers-fails.yaml");
    NewNodes counter = fx(() -> NewNodes.afterNow(stage.getScene()));
    Await.until("five pulses", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= 5);
    fx(() -> {
      controller.showPlaybook(Path.of("playbooks/dedupe-customers-fails.yaml"), next, 0);
      return null;
    });
    Await.until("five pulses more", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= 10);
    fx(() -> {
      shell.show(ShellView.Page.RUN);
      return null;
    });
    settle(next, counter);
  }

  /**
   * A long playbook (30 steps) opened on the Run page: its rows came two a pulse, 16 pulses before the checklist was
   * whole, though only the rows in the table's height make cells (the others make no nodes at all). Now as many rows
   * a pulse as a budget of new nodes allows, and all the rest at once when they are out of sight.
   */
  @Test
  void aLongPlaybooksRowsAreWholeInAFewPulses() throws Exception {
    firstOnTheRunPage();
    Playbook longOne = new PlaybookLoader(null).load(LONG);
    long[] whole = {-1};
    NewNodes counter = fx(() -> {
      NewNodes n = NewNodes.afterNow(stage.getScene());
      ChecklistView checklist = (ChecklistView) stage.getScene().lookup("#checklist");
      checklist.getItems().addListener((javafx.collections.ListChangeListener<StepRow>) c -> {
        if (checklist.getItems().size() == longOne.steps().size() && whole[0] < 0) {
          whole[0] = n.pulseCount();
        }
      });
      controller.showPlaybook(LONG, longOne, 0);
      return n;
    });
    Await.until("the 30 rows", Duration.ofSeconds(60), () -> fx(() -> whole[0]) >= 0);
    long at = fx(counter::pulseCount);
    Await.until("twenty pulses", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= at + 20);
    List<NewNodes.Pulse> seen = fx(() -> {
      counter.stop();
      return counter.pulses();
    });
    seen.forEach(p -> System.out.println("RunPagePulsesTest long " + p));
    System.out.println("RunPagePulsesTest long: the 30 rows whole at pulse " + whole[0]);
    assertTrue(whole[0] <= 8, "the 30 rows whole within 8 pulses, not " + whole[0] + ": " + seen);
    int most = seen.stream().mapToInt(NewNodes.Pulse::nodes).max().orElse(0);
    assertTrue(most <= MOST_A_PULSE, "at most " + MOST_A_PULSE + " nodes new in one pulse, not " + most + ": "
        + seen);
  }

  /** The console's first playbook shown on the Run page, every part of the page joined and its rows whole. */
  private void firstOnTheRunPage() throws Exception {
    Playbook first = load("add-email-verified.yaml");
    fx(() -> {
      pulses.start();
      controller.showPlaybook(Path.of("playbooks/add-email-verified.yaml"), first, 0);
      return null;
    });
    wholeOnTheRunPage(shell);
    settle(first, fx(() -> NewNodes.afterNow(stage.getScene())));
  }

  /** Puts every page of {@code shell} into its window, a part a pulse as the console does, and shows the Run page. */
  static void wholeOnTheRunPage(ShellView shell) throws Exception {
    fx(() -> {
      shell.attachRest(page -> { });
      return null;
    });
    Await.until("every page whole", Duration.ofSeconds(60), () -> fx(() -> shell.attached().isDone()));
    fx(() -> {
      shell.show(ShellView.Page.RUN);
      return null;
    });
  }

  /**
   * Waits until every step's title is drawn whole in the checklist and twenty more pulses passed, then checks the
   * pulses {@code counter} saw.
   */
  private void settle(Playbook pb, NewNodes counter) throws Exception {
    List<String> titles = pb.steps().stream().map(s -> s.title()).toList();
    Await.until("every step's title in the checklist", Duration.ofSeconds(60), () -> fx(() -> titles.equals(
        stage.getScene().getRoot().lookupAll(".step-cell").stream().map(n -> (ChecklistView.StepCell) n)
            .filter(c -> c.getItem() != null && c.getGraphic() != null && c.getGraphic().getScene() != null)
            .sorted(java.util.Comparator.comparingInt(c -> c.getItem().index()))
            .map(c -> ((Text) c.lookup(".step-title-text")).getText()).toList())));
    long at = fx(counter::pulseCount);
    Await.until("twenty pulses", Duration.ofSeconds(30), () -> fx(counter::pulseCount) >= at + 20);
    List<NewNodes.Pulse> seen = fx(() -> {
      counter.stop();
      return counter.pulses();
    });
    seen.forEach(p -> System.out.println("RunPagePulsesTest " + p));
    int most = seen.stream().mapToInt(NewNodes.Pulse::nodes).max().orElse(0);
    assertTrue(most <= MOST_A_PULSE, "at most " + MOST_A_PULSE + " nodes new in one pulse, not " + most + ": "
        + seen);
    assertEquals(pb.steps().size(), fx(() -> ((ChecklistView) stage.getScene().lookup("#checklist")).getItems()
        .size()));
  }

  private static Path longPlaybook() {
    StringBuilder yaml = new StringBuilder("""
        id: thirty-steps
        title: Thirty small steps
        version: 1
        owners: [console-tests]
        intent: A long checklist.
        minimum_viable_change: Thirty flags.
        blast_radius:
          - system: nothing
            impact: none
        success_criteria: [every row shown]
        remediation: Roll back each flag.
        expected:
          after_forward: thirty flags
          after_rollback: none
        steps:
        """);
    for (int i = 1; i <= 30; i++) {
      yaml.append("  - id: step-").append(i).append("\n    kind: sql\n    title: Set flag number ").append(i)
          .append(" of the thirty\n    forward:\n      postgresql: SELECT ").append(i)
          .append("\n    rollback:\n      postgresql: SELECT -").append(i).append('\n');
    }
    try {
      Path dir = java.nio.file.Files.createTempDirectory("run-page-pulses");
      Path file = dir.resolve("thirty-steps.yaml");
      java.nio.file.Files.writeString(file, yaml);
      dir.toFile().deleteOnExit(); // deleted after the file (the last registered goes first)
      file.toFile().deleteOnExit();
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Playbook load(String name) throws Exception {
    return new PlaybookLoader(null).load(Path.of("playbooks", name));
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
