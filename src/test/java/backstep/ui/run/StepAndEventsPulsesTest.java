package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.lint.Linter;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Await;
import backstep.ui.NewNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Regression (issue 15, the console's frames): the step's pane under the checklist flips between one above the other
 * and tabs when its height crosses {@link StepAndEvents#TABS_BELOW} (the window resized, or a longer playbook's
 * checklist taking more of the page), and the flip moved the step detail from the split pane into the tab pane: its
 * whole subtree (189 nodes in the console) was styled and laid out again in one pulse. Counted, not timed: the nodes
 * new to the window in each pulse, and the nodes moved to another parent (styled again) in each pulse.
 */
@ExtendWith(ApplicationExtension.class)
class StepAndEventsPulsesTest {
  /** The most nodes one flip may bring into the window or move, in any one pulse. */
  private static final int MOST_A_PULSE = 60;

  private final Path file = Path.of("playbooks/dedupe-customers-fails.yaml");
  private final EveryFrame pulses = new EveryFrame();
  private RunModel model;
  private StepAndEvents pane;
  private Region above;
  private Stage stage;

  @Start
  void start(Stage primary) {
    stage = primary;
    model = new RunModel();
    ScrollPane detail = new ScrollPane(new StepDetailView(model)); // as the run page holds it
    detail.setFitToWidth(true);
    pane = new StepAndEvents(detail, new EventLogView(model), model);
    above = new Region(); // the checklist's share of the page: taller, and the step's pane gets less
    above.setMinHeight(100);
    above.setPrefHeight(100);
    VBox page = new VBox(above, pane);
    VBox.setVgrow(pane, javafx.scene.layout.Priority.ALWAYS);
    EveryFrame.show(stage, page, 700, 600);
  }

  @AfterEach
  void stopPulses() throws Exception {
    pulses.stopFromTest();
  }

  @Test
  void flippingBetweenSplitAndTabsRestylesAFewNodesAPulse() throws Exception {
    Playbook pb = new PlaybookLoader(null).load(file);
    fx(() -> {
      model.setPlaybook(file, pb, 0);
      List<StepRow> made = new ArrayList<>();
      for (int i = 0; i < pb.steps().size(); i++) {
        made.add(new StepRow(i, pb.steps().get(i)));
      }
      model.mutableSteps().setAll(made);
      model.setFindings(Linter.lint(pb));
      model.select(made.get(2));
      pulses.start();
      return null;
    });
    settle();
    assertEquals(false, fx(pane::tabbed), "split at 500 px");
    for (double top : new double[] {300, 100, 300, 100}) { // tabs (300 px left), split again, tabs, split
      NewNodes counter = fx(() -> NewNodes.afterNow(stage.getScene()));
      Moved moved = fx(() -> new Moved(pane));
      fx(() -> {
        above.setMinHeight(top);
        above.setPrefHeight(top);
        return null;
      });
      settle();
      boolean tabs = fx(pane::tabbed);
      assertEquals(top > 100, tabs, "tabs when the pane is short");
      List<NewNodes.Pulse> seen = fx(() -> {
        counter.stop();
        moved.stop();
        return counter.pulses();
      });
      String what = (tabs ? "to tabs: " : "to split: ") + seen + "; moved a pulse: " + moved.perPulse;
      System.out.println("StepAndEventsPulsesTest " + what);
      int most = seen.stream().mapToInt(NewNodes.Pulse::nodes).max().orElse(0);
      assertTrue(most <= MOST_A_PULSE, "at most " + MOST_A_PULSE + " nodes new in one pulse, not " + most + ": "
          + what);
      int movedMost = moved.perPulse.stream().mapToInt(Integer::intValue).max().orElse(0);
      assertTrue(movedMost <= MOST_A_PULSE, "at most " + MOST_A_PULSE + " nodes moved (styled again) in one pulse,"
          + " not " + movedMost + ": " + what);
      assertTrue(fx(() -> stage.getScene().lookup("#forward-sql").isVisible()
          && stage.getScene().lookup("#forward-sql").localToScene(0, 0).getY() < 600), "the SQL in sight: " + what);
    }
    // as tabs, the Events tab shows the log in the step's place
    fx(() -> {
      above.setMinHeight(300);
      above.setPrefHeight(300);
      return null;
    });
    settle();
    fx(() -> {
      ((javafx.scene.control.TabPane) stage.getScene().lookup("#step-events-tabs")).getSelectionModel().select(1);
      return null;
    });
    settle();
    assertEquals(List.of(false, true, 600.0), fx(() -> {
      javafx.scene.Node log = stage.getScene().lookup("#event-log");
      return List.<Object>of(inSight(stage.getScene().lookup("#step-detail")), inSight(log),
          (double) Math.round(log.localToScene(log.getLayoutBounds()).getMaxY() / 50) * 50);
    }), "the step hidden, the log shown down to the pane's bottom");
  }

  private static boolean inSight(javafx.scene.Node n) {
    for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** Waits for twenty pulses. */
  private void settle() throws Exception {
    NewNodes after = fx(() -> NewNodes.afterNow(stage.getScene()));
    Await.until("twenty pulses", Duration.ofSeconds(30), () -> fx(after::pulseCount) >= 20);
    fx(() -> {
      after.stop();
      return null;
    });
  }

  /**
   * Counts, a pulse, the nodes under {@code root} whose parent changed since the last pulse (a node moved to another
   * parent is styled again in the next CSS pass, its whole subtree with it).
   */
  private static final class Moved {
    private final javafx.scene.Node root;
    private final java.util.Map<javafx.scene.Node, javafx.scene.Parent> parents = new java.util.IdentityHashMap<>();
    private final List<Integer> perPulse = new ArrayList<>();
    private final Runnable after = this::after;

    Moved(javafx.scene.Node root) {
      this.root = root;
      record(root, null);
      root.getScene().addPostLayoutPulseListener(after);
    }

    void stop() {
      root.getScene().removePostLayoutPulseListener(after);
    }

    private void after() {
      int[] moved = {0};
      record(root, moved);
      if (moved[0] > 0) {
        perPulse.add(moved[0]);
      }
    }

    /** Records every node's parent; counts the subtrees of those whose parent is another than last time. */
    private void record(javafx.scene.Node n, int[] moved) {
      javafx.scene.Parent was = parents.put(n, n.getParent());
      boolean movedHere = moved != null && was != null && was != n.getParent();
      if (movedHere) {
        moved[0] += count(n);
      }
      if (n instanceof javafx.scene.Parent p) {
        for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
          record(k, movedHere ? null : moved);
        }
      }
    }

    private static int count(javafx.scene.Node n) {
      int c = 1;
      if (n instanceof javafx.scene.Parent p) {
        for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
          c += count(k);
        }
      }
      return c;
    }
  }

  private static <T> T fx(Callable<T> c) {
    return backstep.ui.PagePulses.fx(c);
  }
}
