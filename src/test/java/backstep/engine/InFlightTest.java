package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.RunRecord;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The intent record of a statement in flight survives the ledger's JSON, and a verdict on it changes exactly the
 * counts rollback and resume go by (issue 14 item 8: a statement that took effect was counted as not done, so
 * rollback left it in place).
 */
class InFlightTest {
  private static final String PLAYBOOK = """
      id: invoice-index
      title: Index invoices
      intent: Find invoices by customer.
      steps:
        - id: index
          kind: sql
          title: Two indexes
          forward:
            mysql: |
              CREATE INDEX invoices_customer ON invoices (customer_id);
              CREATE INDEX invoices_due ON invoices (due_on);
          rollback:
            mysql: |
              DROP INDEX invoices_due ON invoices;
              DROP INDEX invoices_customer ON invoices;
      """;

  private static Playbook playbook() throws Exception {
    return new PlaybookLoader(null).parse(Path.of("invoices.yaml"), PLAYBOOK);
  }

  private static StepExec stepWith(InFlight f, int done) throws Exception {
    Playbook pb = playbook();
    StepExec e = new StepExec(0, pb.steps().get(0));
    e.state = StepState.RUNNING;
    e.statementsTotal = 2;
    e.statementsDone = done;
    e.detail.put(InFlight.KEY, f.detail());
    // as read back from the ledger
    return StepExec.from(e.record("run-1"), pb.steps().get(0));
  }

  @Test
  void theIntentIsReadBackFromTheStepRowAndCountsAsPossiblyInEffect() throws Exception {
    InFlight sent = new InFlight(Direction.FORWARD, 2, 2, 7, false, "1017", "run-1", "sent:index");
    StepExec e = stepWith(sent, 1);
    assertEquals(sent, InFlight.of(e).orElseThrow());
    assertEquals("CREATE INDEX invoices_due ON invoices (due_on)",
        sent.stmt((backstep.playbook.SqlStep) e.step, backstep.playbook.DialectFamily.MYSQL).sql());
    StepExec none = stepWith(sent, 0);
    assertTrue(none.inEffect(), "a statement in flight may have committed: rollback must look at it");
  }

  @Test
  void aStatementThatTookEffectIsCountedSoRollbackUndoesIt() throws Exception {
    StepExec e = stepWith(new InFlight(Direction.FORWARD, 1, 2, 6, false, "1017", "run-1", "step:index"), 0);
    InFlightCheck.apply(e, new InFlight.Finding(InFlight.of(e).orElseThrow(), InFlight.Verdict.TOOK_EFFECT,
        List.of("added index invoices_customer"), null));
    assertEquals(1, e.statementsDone);
    assertFalse(e.detail.containsKey(InFlight.KEY));
    assertTrue(e.inEffect());
  }

  @Test
  void aStatementWithNoEffectIsNeitherCountedNorUndone() throws Exception {
    StepExec e = stepWith(new InFlight(Direction.FORWARD, 1, 2, 6, false, "1017", "run-1", "step:index"), 0);
    InFlightCheck.apply(e, new InFlight.Finding(InFlight.of(e).orElseThrow(), InFlight.Verdict.NO_EFFECT, List.of(),
        null));
    assertEquals(0, e.statementsDone);
    assertFalse(e.inEffect(), "nothing of the step committed");
  }

  @Test
  void aStatementThatCannotBeToldIsUndoneWithCareAndARollbackStatementIsSentAgainWithCare() throws Exception {
    StepExec e = stepWith(new InFlight(Direction.FORWARD, 2, 2, 7, false, "1017", null, null), 1);
    InFlightCheck.apply(e, new InFlight.Finding(InFlight.of(e).orElseThrow(), InFlight.Verdict.UNKNOWN, List.of(),
        "no fingerprint"));
    assertEquals(1, e.detail.get(SqlStepRunner.PARTIAL));
    StepExec back = stepWith(new InFlight(Direction.ROLLBACK, 1, 2, 10, false, "1017", "run-1", "sent:index"), 2);
    InFlightCheck.apply(back, new InFlight.Finding(InFlight.of(back).orElseThrow(), InFlight.Verdict.IN_PART,
        List.of(), null));
    assertEquals(0, back.rollbackDone);
    assertEquals(true, back.detail.get(SqlStepRunner.RESEND_TOLERANT));
  }

  @Test
  void statusNamesTheStatementAndWhatTheDatabaseShowed() throws Exception {
    StepExec e = stepWith(new InFlight(Direction.FORWARD, 2, 2, 7, false, "1017", "run-1", "sent:index"), 1);
    String said = new InFlight.Finding(InFlight.of(e).orElseThrow(), InFlight.Verdict.TOOK_EFFECT,
        List.of("added index invoices_due"), null).describe("index");
    RunRecord run = new RunRecord("run-1", "CHG-1", "shop", "invoice-index", 1, "x", "invoices.yaml", "MARIADB",
        RunState.RUNNING, "ana", "ana", "vm", 42, null, Instant.EPOCH, Instant.EPOCH, null, null);
    String status = StatusReader.explain(run, true, List.of(e), Map.of("index", said));
    assertTrue(status.contains("step 'index' had 1 of 2 statements committed; statement 2 of 2 (line 7) of step "
        + "'index' was in flight when the process died: it took effect (added index invoices_due)"), status);
    assertTrue(Json.compact(e.detail).contains("\"session\":\"1017\""));
  }
}
