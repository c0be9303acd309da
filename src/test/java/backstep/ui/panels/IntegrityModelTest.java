package backstep.ui.panels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.engine.CheckOutcome;
import backstep.playbook.CheckSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The integrity table's rows: pending, then the baseline, then before → now with pass or fail. */
class IntegrityModelTest {
  private static CheckSpec rowCount() {
    return new CheckSpec("customers keep every row", CheckSpec.Kind.ROW_COUNT, "customers", List.of(), null,
        List.of(), null, null, true, Set.of(CheckSpec.Phase.AFTER_STEP, CheckSpec.Phase.AFTER_FORWARD), false, false, 3);
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
}
