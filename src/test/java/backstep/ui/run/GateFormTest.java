package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules the gate and confirmation dialogs enforce before their OK button is enabled. */
class GateFormTest {
  @Test
  void approvalNeedsASecondPersonOtherThanTheOperator() {
    GateForm f = new GateForm("ana", true, false, "sandbox");
    assertTrue(f.missing("", null).orElseThrow().contains("second person"));
    assertTrue(f.missing(" ANA ", null).orElseThrow().contains("someone other than the operator (ana)"));
    assertEquals(Optional.empty(), f.missing("ben", null));
  }

  @Test
  void productionNeedsItsNameTypedExactly() {
    GateForm f = new GateForm("ana", false, true, "prod-orders");
    assertTrue(f.missing(null, "prod").orElseThrow().contains("prod-orders"));
    assertTrue(f.missing(null, "PROD-ORDERS").isPresent());
    assertEquals(Optional.empty(), f.missing(null, " prod-orders "));
  }

  @Test
  void aPlainConfirmationNeedsNothing() {
    assertEquals(Optional.empty(), new GateForm("ana", false, false, "staging").missing(null, null));
  }

  @Test
  void aPolicyCanAskForAReason() {
    GateForm f = new GateForm("ana", false, false, "staging", true);
    assertTrue(f.missing(null, null, " ").orElseThrow().contains("reason"));
    assertEquals(Optional.empty(), f.missing(null, null, "ticket OPS-42"));
  }
}
