package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.lint.Linter;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.ui.sql.LineMark;
import backstep.ui.sql.SqlView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The selected step's SQL in the run view: highlighted, with line numbers, and a lint finding marked on the line of
 * the statement it is about (BS004, an index built without CONCURRENTLY, on the forward pane's second statement);
 * the verify queries are SQL panes too, their descriptions as comments.
 */
@ExtendWith(ApplicationExtension.class)
class StepDetailSqlTest {
  private static final String PLAYBOOK = """
      id: sql-panes
      title: SQL panes
      version: 1
      owners: [console-tests]
      intent: Show SQL as a DBA reads it.
      minimum_viable_change: One index.
      blast_radius:
        - system: nothing
          impact: none
      success_criteria: [the panes read well]
      remediation: Roll back drops it.
      expected:
        after_forward: index
        after_rollback: no index
      steps:
        - id: idx
          kind: sql
          title: Index orders by status
          forward:
            postgresql: |
              SELECT count(*) FROM orders WHERE status = 'new';
              CREATE INDEX orders_status ON orders (status)
          rollback:
            postgresql: DROP INDEX IF EXISTS orders_status
          verify:
            - description: the index is there
              sql: SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_status'
              expect: 1
      """;

  @TempDir
  Path dir;

  private RunModel model;

  @Start
  void start(Stage stage) {
    model = new RunModel();
    stage.setScene(new Scene(new StepDetailView(model), 1000, 640));
    new backstep.ui.shell.Theme().install(stage.getScene()); // the sheets' colours are the theme's names
    stage.show();
  }

  @Test
  void sqlIsHighlightedNumberedAndALintFindingIsMarkedOnItsLine(FxRobot robot) throws Exception {
    Path file = dir.resolve("sql-panes.yaml");
    Files.writeString(file, PLAYBOOK);
    Playbook pb = new PlaybookLoader(null).load(file);
    var findings = Linter.lint(pb);
    assertTrue(findings.stream().anyMatch(f -> f.rule().id().equals("BS004")), findings.toString());
    fx(() -> {
      model.setPlaybook(file, pb, 0);
      StepRow row = new StepRow(0, pb.steps().get(0));
      model.mutableSteps().add(row);
      model.setFindings(findings);
      model.select(row);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    SqlView forward = robot.lookup("#forward-sql").queryAs(SqlView.class);
    String text = fx(forward::getText);
    assertEquals("SELECT count(*) FROM orders WHERE status = 'new';\nCREATE INDEX orders_status ON orders (status);",
        text);
    assertTrue(fx(() -> forward.stylesAt(0)).contains("sql-keyword"), "SELECT is a keyword");
    int quote = text.indexOf("'new'");
    assertTrue(fx(() -> forward.stylesAt(quote)).contains("sql-string"), "'new' is a string");
    LineMark mark = fx(() -> forward.marks()).stream().filter(m -> m.message().startsWith("BS004")).findFirst()
        .orElseThrow();
    assertEquals(2, mark.line(), "on the CREATE INDEX line");
    assertEquals("error", mark.severity());
    assertTrue(fx(() -> forward.lineStyles(2)).contains("sql-mark-error"));
    assertTrue(fx(() -> forward.lineStyles(1)).isEmpty(), "the SELECT line is clean");
    // line numbers, and the mark beside line 2's number with the finding in words for a screen reader (numbered on
    // the pane's first layout in a window, drawn a pulse later: waited for, under load more than one pulse)
    backstep.testing.Await.until("the lines numbered", java.time.Duration.ofSeconds(10), () -> fx(() -> forward
        .lookupAll(".lineno").stream().map(n -> ((Label) n).getText().strip()).toList())
        .containsAll(java.util.List.of("1", "2")));
    Node icon = fx(() -> forward.lookup(".sql-mark"));
    assertTrue(fx(() -> icon.getAccessibleText()).contains("index built without CONCURRENTLY")
        || fx(() -> icon.getAccessibleText()).contains("BS004"), fx(() -> icon.getAccessibleText()));

    SqlView rollback = robot.lookup("#rollback-sql").queryAs(SqlView.class);
    assertEquals("DROP INDEX IF EXISTS orders_status;", fx(rollback::getText));
    SqlView verify = robot.lookup("#verify-sql").queryAs(SqlView.class);
    assertTrue(fx(verify::isVisible));
    String v = fx(verify::getText);
    assertTrue(v.startsWith("-- applied: the index is there — expect = 1\nSELECT count(*) FROM pg_indexes"), v);
    assertTrue(fx(() -> verify.stylesAt(0)).contains("sql-comment"));
  }

  private static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
