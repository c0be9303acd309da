package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plain run's replay puts a person's ROLL BACK during the run on the operator's lane, where their actions are. */
class RunTimelineOperatorTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aRollBackAskedDuringTheRunIsAnOperatorsAction() {
    List<EventRecord> events = List.of(
        new EventRecord(1, "r", T0, "RUN_STARTED", null, "ana", "{}", "p1", "h1"),
        new EventRecord(2, "r", T0.plusMillis(4000), "RUN_FAILED", null, "ana", "{\"state\":\"FAILED\",\"reason\":"
            + "\"operator: ana asked to roll back at 2026-12-07T10:00:03.900Z\",\"requested_by\":\"ana\","
            + "\"requested_at\":\"2026-12-07T10:00:03.900Z\"}", "p2", "h2"),
        new EventRecord(3, "r", T0.plusMillis(4100), "ROLLBACK_STARTED", null, "ana", "{\"reason\":\"operator: ana "
            + "asked to roll back at 2026-12-07T10:00:03.900Z\",\"requested_by\":\"ana\",\"requested_at\":"
            + "\"2026-12-07T10:00:03.900Z\"}", "p3", "h3"));
    List<Replay.Span> spans = RunTimeline.of(events, T0);
    List<Replay.Span> operator = spans.stream().filter(s -> s.lane().equals("operator")).toList();
    assertEquals(1, operator.size(), spans::toString);
    assertEquals(3900, operator.get(0).startMs(), "at the click, not when the rollback began");
    assertTrue(operator.get(0).label().contains("ROLL BACK"), operator.get(0)::toString);
  }
}
