package backstep.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The playbook view reads like a runbook, and shows a broken file's problems at their lines and fields. */
@ExtendWith(ApplicationExtension.class)
class PlaybookViewTest {
  @TempDir
  static Path dir;

  private final LibraryModel model = new LibraryModel();

  @Start
  void start(Stage stage) {
    stage.setScene(new Scene(new PlaybookView(model, () -> { }), 1000, 800));
    stage.show();
  }

  private void show(PlaybookEntry e) {
    WaitForAsyncUtils.asyncFx(() -> model.setSelected(e));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void aValidPlaybookShowsIntentBlastRadiusAndExpectedStates(FxRobot robot) {
    show(LibraryController.load(Path.of("playbooks/add-email-verified.yaml"), null));
    assertEquals("Add customers.email_verified (expand/contract)",
        robot.lookup("#playbook-title").queryAs(Label.class).getText());
    assertTrue(robot.lookup("#playbook-intent").queryAs(Label.class).getText().startsWith("Record whether"));
    assertTrue(robot.lookup("#playbook-mvc").queryAs(Label.class).getText().contains("nullable boolean"));
    assertEquals(3, robot.lookup("#playbook-blast").queryAs(VBox.class).getChildren().size());
    assertEquals(2, robot.lookup("#playbook-success").queryAs(VBox.class).getChildren().size());
    assertTrue(robot.lookup("#playbook-remediation").queryAs(Label.class).getText().startsWith("Roll back"));
    assertEquals(2, robot.lookup("#playbook-owners").queryAs(javafx.scene.layout.FlowPane.class)
        .getChildren().size());
    assertEquals(6, robot.lookup("#playbook-steps").queryAs(VBox.class).getChildren().size());
  }


  /**
   * Regression: each pick built the page again, and the first pick (the library's, while the console starts)
   * brought about 260 nodes into the console's window in one pulse, each styled and laid out for the first time
   * (147 and 152 here, in a smaller window, before the fix; 87 and 24 after). The page's nodes are made once and
   * filled in place: a pick adds only the rows the new playbook has more of.
   */
  @Test
  void aPickFillsThePageInPlaceInsteadOfBuildingItAgain(FxRobot robot) throws Exception {
    Scene scene = robot.lookup("#playbook-view").query().getScene();
    Set<Node> before = styled(scene);
    show(LibraryController.load(Path.of("playbooks/add-email-verified.yaml"), null));
    Set<Node> first = styled(scene);
    int firstNew = fresh(before, first);
    show(LibraryController.load(Path.of("playbooks/split-customer-name.yaml"), null));
    int secondNew = fresh(first, styled(scene));
    assertEquals("Split customers.full_name into first and last name",
        robot.lookup("#playbook-title").queryAs(Label.class).getText());
    assertTrue(firstNew <= 100, "the first pick's new nodes: " + firstNew);
    assertTrue(secondNew <= 40, "the second pick's new nodes: " + secondNew);
  }

  /** Every node in the scene once its CSS and layout have run (a control's skin makes its nodes then). */
  private static Set<Node> styled(Scene scene) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> {
      scene.getRoot().applyCss();
      scene.getRoot().layout();
      Set<Node> all = Collections.newSetFromMap(new IdentityHashMap<>());
      ArrayDeque<Node> todo = new ArrayDeque<>(List.of(scene.getRoot()));
      while (!todo.isEmpty()) {
        Node n = todo.removeFirst();
        all.add(n);
        if (n instanceof Parent p) {
          todo.addAll(p.getChildrenUnmodifiable());
        }
      }
      return all;
    }).get(10, TimeUnit.SECONDS);
  }

  private static int fresh(Set<Node> before, Set<Node> after) {
    return (int) after.stream().filter(n -> !before.contains(n)).count();
  }

  @Test
  void lintFindingsShowUnderTheSteps(FxRobot robot) {
    show(LibraryController.load(Path.of("src/test/resources/lint/bs004-bad-create-index.yaml"), null));
    VBox lint = robot.lookup("#playbook-lint").queryAs(VBox.class);
    String rows = lint.getChildren().stream().filter(HBox.class::isInstance)
        .flatMap(n -> ((HBox) n).getChildren().stream()).map(n -> ((Label) n).getText())
        .reduce("", (a, b) -> a + " | " + b);
    assertTrue(rows.contains("BS004"), rows);
    assertTrue(((Label) lint.getChildren().get(0)).getText().matches("\\d+ findings?, \\d+ errors? — .*"),
        ((Label) lint.getChildren().get(0)).getText());

    show(LibraryController.load(Path.of("src/test/resources/lint/bs004-safe-concurrently.yaml"), null));
    VBox quiet = robot.lookup("#playbook-lint").queryAs(VBox.class);
    assertTrue(quiet.getChildren().stream().noneMatch(n -> n instanceof HBox h && h.getChildren().stream()
        .anyMatch(c -> "BS004".equals(((Label) c).getText()))), "the safe alternative has no BS004 row");
  }

  @Test
  void aBrokenPlaybookShowsEachProblemWithLineAndField(FxRobot robot) throws Exception {
    Path bad = dir.resolve("broken.yaml");
    Files.writeString(bad, String.join("\n", List.of(
        "id: broken",
        "title: Broken on purpose",
        "version: 1",
        "intent: show problems in place",
        "steps:",
        "  - id: one",
        "    kind: sql",
        "    title: no rollback",
        "    forward: ALTER TABLE t ADD COLUMN c INT",
        "    verify:",
        "      - sql: SELECT 1",
        "        expect: 1",
        "")));
    PlaybookEntry e = LibraryController.load(bad, null);
    assertTrue(!e.valid() && !e.problems().isEmpty());
    show(e);
    assertTrue(robot.lookup("#playbook-problems-banner").queryAs(Label.class).getText().contains("cannot run"));
    VBox problems = robot.lookup("#playbook-problems").queryAs(VBox.class);
    assertEquals(e.problems().size(), problems.getChildren().size());
    String first = ((HBox) problems.getChildren().get(0)).getChildren().stream()
        .map(n -> ((Label) n).getText()).reduce((a, b) -> a + " | " + b).orElse("");
    assertTrue(first.matches("line \\d+, col \\d+ \\| .+ \\| .+"), first);
    assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("steps[0].rollback")), e.problems().toString());

    ListView<?> source = robot.lookup("#playbook-source").queryAs(ListView.class);
    List<PlaybookView.SourceLine> lines = PlaybookView.sourceLines(e);
    assertEquals(lines.size(), source.getItems().size());
    PlaybookView.SourceLine marked = lines.stream().filter(l -> l.problem() != null
        && l.problem().path().equals("steps[0].rollback")).findFirst().orElseThrow();
    int at = lines.indexOf(marked);
    assertEquals(marked.problem().line(), lines.get(at - 1).number(), "the problem sits under its line");
  }
}
