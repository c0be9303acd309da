package backstep.ui.drill;

import backstep.db.Database;
import backstep.ledger.LedgerException;
import backstep.ledger.LedgerReader;
import java.util.List;

/** Reads a drill's past attempts on a target from its ledger (on a background thread, never the FX thread). */
final class DrillHistory {
  private DrillHistory() {}

  /** Oldest first; empty when the target never kept a drill attempt. */
  static List<AttemptRow> load(Database db, String drillId) throws LedgerException {
    return new LedgerReader(db).drillAttempts(drillId).stream().map(AttemptRow::of).toList();
  }
}
