package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.engine.CheckOutcome;
import backstep.integrity.CheckResult.Basis;
import backstep.playbook.CheckSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The integrity table's rows: pending, then the baseline, then before → now with pass or fail. */
class IntegrityModelTest {
  private static CheckSpec rowCount() {
    return new CheckSpec("customers keep every row", CheckSpec.Kind.ROW_COUNT, "customers", List.of(), null,
        List.of(), null, null, true, Set.of(CheckSpec.Phase.AFTER_STEP, CheckSpec.Phase.AFTER_FORWARD), false,
        false, 3);
  }

  @Test
  void rowsGoFromPendingToBaselineToPassOrFail() {
    IntegrityModel m = new IntegrityModel();
    m.reset(List.of(rowCount()));
    IntegrityRow r = m.rows().get(0);
    assertEquals(IntegrityRow.Status.PENDING, r.status());
    assertEquals("same as before", r.expected());

    m.accept(new CheckOutcome("customers keep every row", "before", null, null, "1200", "baseline only", true,
        null, 3));
    r = m.rows().get(0);
    assertEquals(IntegrityRow.Status.BASELINE, r.status());
    assertEquals("1200", r.before());
    assertEquals("same as before", r.expected(), "a baseline keeps the declared expectation");

    m.accept(new CheckOutcome("customers keep every row", "after_step", "backfill", "1200", "1199",
        "same as before (1200)", false, null, 4));
    r = m.rows().get(0);
    assertEquals(IntegrityRow.Status.FAIL, r.status());
    assertEquals("1200", r.before());
    assertEquals("1199", r.now());
    assertEquals("after step backfill", r.phase());
    assertEquals(1, m.rows().size());
  }

  @Test
  void pendingRowsTakeTheLedgersValuesLabelledWithTheirRunUntilEvaluatedAgain() {
    CheckSpec other = new CheckSpec("no orphans", CheckSpec.Kind.ORPHANS, null, List.of(), null, List.of(), null,
        null, false, Set.of(CheckSpec.Phase.AFTER_FORWARD), false, false, 9);
    IntegrityModel m = new IntegrityModel();
    m.reset(List.of(rowCount()));
    m.showRecorded("run CHG-1 at 2026-11-23 04:12:09 UTC (applied)", List.of(
        new CheckOutcome("customers keep every row", "before", null, null, "1200", "baseline only", true, null, 3),
        new CheckOutcome("customers keep every row", "after_forward", null, "1200", "1200",
            "same as before (1200)", true, null, 3),
        new CheckOutcome("a check this version dropped", "after_forward", null, null, "0", "0", true, null, 1)));
    assertEquals(1, m.rows().size(), "a check the playbook no longer declares is not shown");
    IntegrityRow r = m.rows().get(0);
    assertEquals(IntegrityRow.Status.PASS, r.status());
    assertEquals("1200", r.before());
    assertEquals("1200", r.now());
    assertEquals("after forward", r.phase());
    assertEquals("run CHG-1 at 2026-11-23 04:12:09 UTC (applied)", r.recorded());
    assertEquals("from run CHG-1 at 2026-11-23 04:12:09 UTC (applied)", m.sourceProperty().get());

    m.accept(new CheckOutcome("customers keep every row", "before", null, null, "1300", "baseline only", true,
        null, 3));
    assertFalse(m.rows().get(0).fromLedger(), "a fresh evaluation replaces the recorded row");
    assertEquals("", m.sourceProperty().get());
    m.showRecorded("run CHG-0 at 2026-11-22 10:00:00 UTC (applied)", List.of(new CheckOutcome(
        "customers keep every row", "after_forward", null, "1", "1", "same as before (1)", true, null, 3)));
    assertEquals("1300", m.rows().get(0).before(), "recorded values never overwrite evaluated ones");

    m.reset(List.of(rowCount(), other));
    m.recordedUnavailable("cannot read the ledger of target 'x': gone");
    assertTrue(m.rows().stream().allMatch(x -> x.status() == IntegrityRow.Status.PENDING));
    assertTrue(m.sourceProperty().get().startsWith("ledger not read"));
  }

  /** Regression (issue 16): an orphan check proved by an enforced foreign key showed the ✔ of a counted zero. */
  @Test
  void aProvedPassAndASkippedCheckAreNotShownAsCountedPasses() {
    CheckSpec orphans = new CheckSpec("no orphans", CheckSpec.Kind.ORPHANS, null, List.of(), null, List.of(), null,
        null, false, Set.of(CheckSpec.Phase.AFTER_FORWARD), false, false, 9);
    IntegrityModel m = new IntegrityModel();
    m.reset(List.of(orphans));
    m.accept(new CheckOutcome("no orphans", "after_forward", null, null, "0", "= 0", true, "enforced by fk", 1,
        Basis.PROVED));
    IntegrityRow r = m.rows().get(0);
    assertEquals(IntegrityRow.Status.PROVED, r.status());
    assertEquals("≡ proved", r.status().label());
    assertEquals("check-proved", r.status().styleClass());

    m.accept(new CheckOutcome("no orphans", "after_forward", null, null, "0", "= 0", true, "scanned", 1,
        Basis.COUNTED));
    assertEquals(IntegrityRow.Status.PASS, m.rows().get(0).status());
    m.accept(new CheckOutcome("no orphans", "after_forward", null, null, "0", "= 0", true, "no foreign keys", 1,
        Basis.SKIPPED));
    assertEquals(IntegrityRow.Status.SKIPPED, m.rows().get(0).status());
    m.accept(new CheckOutcome("no orphans", "after_forward", null, null, null, "= 0", false, "error: gone", 1,
        Basis.SKIPPED));
    assertEquals(IntegrityRow.Status.FAIL, m.rows().get(0).status(), "a check that could not run still fails");
  }
}
