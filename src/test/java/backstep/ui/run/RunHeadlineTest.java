package backstep.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.engine.Proof;
import backstep.state.RunState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The badge says what the CLI's headline says, and a rollback with differences is drawn as a failure. */
class RunHeadlineTest {
  private static Proof proof(Proof.Verdict v) {
    return new Proof(v, "the fingerprint taken before the run", List.of());
  }

  @Test
  void theBadgeCarriesTheProofInTheCliWords() {
    assertEquals("⟲ ROLLED BACK — proven", RunHeadline.badge(RunState.ROLLED_BACK, proof(Proof.Verdict.PROVEN)));
    assertEquals("⟲ ROLLED BACK WITH DIFFERENCES", RunHeadline.badge(RunState.ROLLED_BACK,
        proof(Proof.Verdict.DIFFERENT)));
    assertEquals("⟲ ROLLED BACK — schema proven, DATA DIFFERS", RunHeadline.badge(RunState.ROLLED_BACK,
        proof(Proof.Verdict.DATA_DIFFERS)));
    assertEquals("⟲ ROLLED BACK — unproven", RunHeadline.badge(RunState.ROLLED_BACK,
        proof(Proof.Verdict.UNPROVEN)));
    assertEquals("✔ APPLIED", RunHeadline.badge(RunState.APPLIED, null));
    assertEquals("○ NOT RUN HERE", RunHeadline.badge(null, null));
    assertEquals("run-state-different", RunHeadline.style(RunState.ROLLED_BACK, proof(Proof.Verdict.DIFFERENT)));
    assertEquals("run-state-rolled_back", RunHeadline.style(RunState.ROLLED_BACK,
        proof(Proof.Verdict.DATA_DIFFERS)));
  }
}
