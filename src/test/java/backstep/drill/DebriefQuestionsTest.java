package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 16, found item 5): the debrief of a latency-regression attempt in which no guard acted asked
 * what GUARD_ACTION holds, about an event the attempt does not have. A question naming a ledger event the attempt
 * did not record now says so, and asks why instead.
 */
class DebriefQuestionsTest {
  private static final String Q = "What did the canary measure before and during the breach (GUARD_ACTION holds "
      + "the values)?";

  @Test
  void aQuestionAboutAnEventTheAttemptRecordedStaysAsWritten() {
    assertEquals(List.of(Q), DebriefQuestions.forAttempt(List.of(Q), Set.of("RUN_STARTED", "GUARD_ACTION")));
  }

  @Test
  void aQuestionAboutAnEventTheAttemptDidNotRecordSaysSo() {
    assertEquals(List.of(Q + " — this attempt recorded no GUARD_ACTION event: why did it not happen, and what did "
        + "the ledger record instead?"), DebriefQuestions.forAttempt(List.of(Q), Set.of("RUN_STARTED", "GUARD")));
  }

  @Test
  void upperCaseWordsThatAreNotEventsAreLeftAlone() {
    String q = "Why did the SQL take an ACCESS EXCLUSIVE lock?";
    assertEquals(List.of(q), DebriefQuestions.forAttempt(List.of(q), Set.of()));
  }
}
