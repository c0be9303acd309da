package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading one run from a database that has no ledger says so, exit 2, and creates nothing (regression: issue 14,
 * item 6: {@code report summary} ended in jOOQ's "relation backstep.run does not exist" as an internal error; and
 * {@code history --run X} printed "no runs recorded" and exited 0).
 */
class NoLedgerIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRunIsAskedForWhereNoLedgerIs(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      for (String[] cmd : new String[][] {{"report", "summary", "--run", "r-1"}, {"audit", "export", "--run", "r-1"},
          {"history", "--run", "r-1"}, {"history", "--run", "r-1", "--json"}}) {
        Cli.Result r = Cli.on(db, cmd);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("no Backstep ledger here: target '" + db.name() + "' has none yet"), r::toString);
        assertFalse(r.toString().contains("internal error"), r::toString);
      }
      assertFalse(db.hasLedger(), "reading created the ledger");
    }
  }
}
