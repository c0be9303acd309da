package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.drill.TimelineEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Regression: a run that failed was drawn green in the drill's timeline (every RUN line was "ok"). */
class DrillListsTest {
  private static TimelineEvent run(String text) {
    return new TimelineEvent(Instant.EPOCH, TimelineEvent.Kind.RUN, "engine", text);
  }

  @Test
  void aFailedRunIsRedARolledBackOneAmberAnAppliedOneGreen() {
    assertEquals("log-error", DrillLists.style(run("dedupe-customers-fails failed")));
    assertEquals("log-error", DrillLists.style(run("bad-backfill rolled back WITH DIFFERENCES")));
    assertEquals("log-back", DrillLists.style(run("bad-backfill rolled back")));
    assertEquals("log-ok", DrillLists.style(run("add-email-verified applied")));
    assertEquals("log-error", DrillLists.style(new TimelineEvent(Instant.EPOCH, TimelineEvent.Kind.STEP, "engine",
        "✖ backfill failed")));
  }
}
