package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ledger.EventRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (hardening issue, item 7, Locale.ROOT everywhere): the ledger form's event time named its zone in the
 * machine's language ("MEZ" on a German JVM, "CET" elsewhere), so the same event read differently per machine.
 * Runs under a German default locale. (The formatter is built when the class loads: run alone, this test fails on
 * the old code; in the suite {@code LocaleRootTest} holds the rule for every such pattern.)
 */
class EventFormLocaleTest {
  private Locale saved;

  @BeforeEach
  void german() {
    saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
  }

  @AfterEach
  void restore() {
    Locale.setDefault(saved);
  }

  @Test
  void anEventTimeReadsTheSameOnAGermanMachine() {
    EventRecord e = new EventRecord(1, "r", Instant.parse("2026-01-15T09:00:00.250Z"), "RUN_STARTED", null, "ana",
        null, "0".repeat(64), "a".repeat(64));
    String time = EventForm.rows(e, ZoneId.of("Europe/Berlin")).stream().filter(r -> r.name().equals("time"))
        .findFirst().orElseThrow().value();
    assertEquals("2026-01-15 10:00:00.250 CET", time);
  }
}
