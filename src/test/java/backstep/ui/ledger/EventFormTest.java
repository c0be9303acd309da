package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ledger.EventRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A ledger event is shown to people as a form, not as truncated raw JSON, with its hash and the previous one. */
class EventFormTest {
  @Test
  void aStepsEffectAndARollbacksDifferencesAreReadableLines() {
    EventRecord e = new EventRecord(42, "run-1", Instant.parse("2026-12-06T01:02:03.456Z"), "RUN_FINISHED", null,
        "ana", "{\"state\":\"ROLLED_BACK\",\"proof\":{\"verdict\":\"DIFFERENT\",\"against\":\"the fingerprint taken "
        + "before the run\",\"differences\":[\"table x: unexpected\",\"column t.c: missing\"]},\"effect\":[]}",
        "ab12", "cd34");
    assertEquals("""
        event #42 · RUN_FINISHED
        time: 2026-12-06 01:02:03.456 Z
        who: ana
        state: ROLLED_BACK
        proof · verdict: DIFFERENT
        proof · against: the fingerprint taken before the run
        proof · differences:
          • table x: unexpected
          • column t.c: missing
        effect: none
        hash: cd34
        previous hash: ab12""", EventForm.describe(e, ZoneOffset.UTC));
  }

  @Test
  void aDetailThatIsNotJsonIsShownAsWritten() {
    EventRecord e = new EventRecord(1, "run-1", Instant.EPOCH, "NOTE", "s1", null, "plain words", null, "h");
    assertEquals("""
        event #1 · NOTE
        time: 1970-01-01 00:00:00.000 Z
        step: s1
        detail: plain words
        hash: h
        previous hash: — (first event)""", EventForm.describe(e, ZoneOffset.UTC));
  }
}
