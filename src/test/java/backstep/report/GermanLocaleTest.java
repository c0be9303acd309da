package backstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression (hardening issue, item 7): reports printed "(1,2 s)" on a German JVM. Under a German default locale
 * the durations and times of summaries and audit exports read as on every other machine.
 */
class GermanLocaleTest {
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
  void durationsAndTimesReadTheSameOnAGermanMachine() {
    assertEquals("1.2 s", SummaryDoc.duration(Duration.ofMillis(1200)));
    assertEquals("950 ms", SummaryDoc.duration(Duration.ofMillis(950)));
    assertEquals("2026-01-15 09:00:00.250 UTC", AuditExport.time(Instant.parse("2026-01-15T09:00:00.250Z")));
  }
}
