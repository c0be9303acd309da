package backstep.ui.ledger;

import backstep.ledger.ChainVerdict;
import backstep.ledger.Ledger;

/**
 * The console's words for a hash-chain check: the ledger browser's chip (text, style class, tooltip) and the status
 * bar's part. Keyed events checked without the key read "unchecked (no key)", never "intact".
 */
record ChainChip(String text, String style, String tooltip) {
  static ChainChip of(Ledger.ChainCheck c) {
    if (c == null) {
      return new ChainChip("◌ chain not checked", "chip-running", "");
    }
    return switch (c.verdict()) {
      case INTACT -> new ChainChip("✔ hash chain intact · " + c.events() + " events", "chip-ok",
          ChainVerdict.sentence(c));
      case UNCHECKED -> new ChainChip("◌ hash chain unchecked (no key) · " + c.unchecked() + " of " + c.events()
          + " events keyed", "chip-running", ChainVerdict.sentence(c));
      case BROKEN -> new ChainChip("✖ HASH CHAIN BROKEN at event " + c.firstBadSeq() + ": " + c.problem(),
          "chip-failed-strong", ChainVerdict.sentence(c));
    };
  }

  /** The status bar's part: "chain intact (9 events)", "chain unchecked (no key)", "CHAIN BROKEN at event 4". */
  static String status(Ledger.ChainCheck c) {
    return switch (c.verdict()) {
      case INTACT -> "chain intact (" + c.events() + " events)";
      case UNCHECKED -> "chain unchecked (no key: " + c.unchecked() + " of " + c.events() + " events keyed)";
      case BROKEN -> "CHAIN BROKEN at event " + c.firstBadSeq();
    };
  }
}
