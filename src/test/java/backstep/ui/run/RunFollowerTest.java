package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.CheckOutcome;
import backstep.engine.Direction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guard events and check outcomes reach the event log, the notification and the integrity table. */
class RunFollowerTest {
  private static final Instant AT = Instant.parse("2026-11-23T22:00:00Z");

  @Test
  void aSustainedBreachIsLoggedAsAnErrorAndNotified() {
    RunModel model = new RunModel();
    RunFollower f = new RunFollower(model, () -> "ana");
    f.apply(List.of(new RunEvent.Guard(AT, "transient spike ignored: probe_ms above 500 for 800 ms")));
    assertEquals(LogLine.Level.INFO, model.log().get(0).level());
    assertNull(model.noticeProperty().get(), "a transient spike is logged, not notified");

    f.apply(List.of(new RunEvent.Guard(AT, "SUSTAINED breach: p95 probe_ms = 812.0 > 500.0 for 5000 ms → pause")));
    LogLine line = model.log().get(1);
    assertEquals(LogLine.Level.ERROR, line.level());
    assertEquals(line, model.noticeProperty().get());
    f.apply(List.of(new RunEvent.Guard(AT, "recovered: probe_ms back under 500.0 after 7000 ms")));
    assertEquals(LogLine.Level.OK, model.noticeProperty().get().level());
  }

  @Test
  void aFailedCheckFillsItsRowAndTheLog() {
    RunModel model = new RunModel();
    RunFollower f = new RunFollower(model, () -> "ana");
    f.apply(List.of(new RunEvent.Check(AT, new CheckOutcome("no orphan orders", "after_forward", null, "0", "3",
        "= 0", false, "orders(customer_id) -> customers(id): 3", 12))));
    assertEquals("3", model.integrity().rows().get(0).now());
    assertTrue(model.log().get(0).text().contains("check 'no orphan orders' failed after forward: 3"),
        model.log().get(0).text());
  }

  /**
   * Regression: every step that started within one 250 ms batch was selected in turn, and each selection showed
   * its SQL again in the step detail (two RichTextFX panes replaced and re-highlighted, the checklist scrolled) in
   * the same frame, though only the last was ever on screen: a run's first frames and its rollback's carried two or
   * three of them (docs/performance.md, "Session 12, under load: the FX thread at a run's failure").
   */
  @Test
  void aBatchOfStartedStepsSelectsOnlyTheLastOne() throws Exception {
    RunModel model = new RunModel();
    java.nio.file.Path file = java.nio.file.Path.of("playbooks/dedupe-customers-fails.yaml");
    backstep.playbook.Playbook pb = new backstep.playbook.PlaybookLoader(null).load(file);
    model.setPlaybook(file, pb, 0);
    for (int i = 0; i < pb.steps().size(); i++) {
      model.mutableSteps().add(new StepRow(i, pb.steps().get(i)));
    }
    List<StepRow> selected = new java.util.ArrayList<>();
    model.selectedProperty().addListener((o, a, b) -> selected.add(b));
    RunFollower f = new RunFollower(model, () -> "ana");
    List<RunEvent> batch = new java.util.ArrayList<>();
    batch.add(new RunEvent.RunStarted(AT, "c-1", pb.id(), "sandbox", Direction.FORWARD));
    for (int i = 0; i < 3; i++) {
      String id = pb.steps().get(i).id();
      batch.add(new RunEvent.StepStarted(AT, i, pb.steps().size(), id, pb.steps().get(i).title(), Direction.FORWARD));
    }
    f.apply(batch);
    assertEquals(List.of(model.steps().get(2)), selected, "one selection a batch: the step started last");
    for (int i = 0; i < 3; i++) {
      assertEquals(backstep.state.StepState.RUNNING, model.steps().get(i).state(), "every started step is marked");
    }
    assertEquals(3, model.log().stream().filter(l -> l.text().contains(": started")).count(),
        "every start is logged");
  }

  @Test
  void anObserveStepsRowShowsTheCountdownWithTheGuardLines() {
    String text = RunFollower.countdown(new RunEvent.Observing(AT, "soak", java.time.Duration.ofMillis(11_200),
        java.time.Duration.ofSeconds(30), 94, 75, List.of("canary_ms p50 12.0 · max 31.0 (threshold 30.0) · 1 of 94 "
            + "above")));
    assertEquals("observing · 12 s left of 30 s · 94/75 samples\ncanary_ms p50 12.0 · max 31.0 (threshold 30.0) · "
        + "1 of 94 above", text);
  }
}
