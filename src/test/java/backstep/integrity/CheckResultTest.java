package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.integrity.CheckResult.Basis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a check's value rests on, as a value: read back from the ledger, combined, described. */
class CheckResultTest {

  @Test
  void aProvedZeroDescribesItselfAsProvedAndACountedOneDoesNot() {
    CheckResult proved = new CheckResult("orphans fk", CheckResult.Kind.ORPHANS, 0L, true, "enforced", Duration.ZERO,
        Basis.PROVED);
    assertEquals("orphans fk: 0 (proved without scanning) — enforced", proved.describe());
    CheckResult counted = new CheckResult("rows t", CheckResult.Kind.ROW_COUNT, 3L, true, null, Duration.ZERO);
    assertEquals(Basis.COUNTED, counted.basis(), "the constructor without a basis is for counted values");
    assertEquals("rows t: 3", counted.describe());
  }

  @Test
  void aTotalRestsOnItsWeakestPart() {
    assertEquals(Basis.PROVED, Basis.COUNTED.weakest(Basis.PROVED));
    assertEquals(Basis.PROVED, Basis.PROVED.weakest(Basis.COUNTED));
    assertEquals(Basis.SKIPPED, Basis.PROVED.weakest(Basis.SKIPPED));
    assertEquals(Basis.COUNTED, Basis.COUNTED.weakest(null));
  }

  /** Ledger events written before the basis was recorded still tell a proof by its detail. */
  @Test
  void theRecordedBasisAndTheOneInferredForOlderEvents() {
    assertEquals(Basis.SKIPPED, Basis.recorded("SKIPPED", null));
    assertEquals(Basis.PROVED, Basis.recorded(null, "no orphans; enforced by fk (validated, not deferrable,"
        + " triggers enabled); not scanned"));
    assertEquals(Basis.COUNTED, Basis.recorded(null, "no orphans; scanned: --full-scan"));
    assertEquals(Basis.COUNTED, Basis.recorded(null, null));
    assertEquals(Basis.COUNTED, Basis.recorded("SOMETHING_NEWER", null));
  }
}
