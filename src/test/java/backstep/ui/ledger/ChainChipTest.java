package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.Ledger;
import org.junit.jupiter.api.Test;

/**
 * Regression (hardening issue, keyed chain): the console's ledger browser showed "✔ hash chain intact" for keyed
 * events it could not check without the ledger key.
 */
class ChainChipTest {
  @Test
  void keyedEventsCheckedWithoutTheKeyReadUncheckedNeverIntact() {
    Ledger.ChainCheck unchecked = new Ledger.ChainCheck(9, true, 0, "", 5, 5);
    ChainChip chip = ChainChip.of(unchecked);
    assertEquals("◌ hash chain unchecked (no key) · 5 of 9 events keyed", chip.text());
    assertEquals("chip-running", chip.style());
    assertFalse(chip.text().contains("intact") || chip.tooltip().contains("intact"), chip.toString());
    assertTrue(chip.tooltip().contains("BACKSTEP_LEDGER_KEY"), chip.tooltip());
    assertEquals("chain unchecked (no key: 5 of 9 events keyed)", ChainChip.status(unchecked));
  }

  @Test
  void aChainCheckedInFullReadsIntactAndABrokenOneBroken() {
    Ledger.ChainCheck keyed = new Ledger.ChainCheck(9, true, 0, "", 5, 0);
    assertEquals("✔ hash chain intact · 9 events", ChainChip.of(keyed).text());
    assertEquals("chip-ok", ChainChip.of(keyed).style());
    assertEquals("chain intact (9 events)", ChainChip.status(keyed));
    Ledger.ChainCheck broken = new Ledger.ChainCheck(9, false, 4, "event 4 was altered (hash mismatch)");
    assertEquals("✖ HASH CHAIN BROKEN at event 4: event 4 was altered (hash mismatch)", ChainChip.of(broken).text());
    assertEquals("CHAIN BROKEN at event 4", ChainChip.status(broken));
    assertEquals("◌ chain not checked", ChainChip.of(null).text());
  }
}
