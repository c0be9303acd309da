package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ledger's hash chain catches an edited, a deleted and an inserted event. */
class LedgerChainIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void editingOrDeletingAnEventWithSqlIsDetected(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.seeded(kind)) {
      assertEquals(0, Cli.on(scratch, "apply", "playbooks/add-orders-status-index.yaml", "--yes").exit());
      String events = kind == ScratchDb.Kind.POSTGRES ? "backstep.event" : "backstep_event";
      try (Database db = scratch.open(); Connection c = db.connection()) {
        Ledger ledger = new Ledger(db);
        Ledger.ChainCheck ok = ledger.verifyChain(c);
        assertTrue(ok.intact(), ok.problem());
        assertTrue(ok.events() >= 3);

        assertEquals(0, Cli.on(scratch, "audit", "verify").exit());
        String change = Cli.on(scratch, "history", "--json").out().replaceAll("(?s).*\"changeId\" : \"([^\"]+)\".*",
            "$1");
        Cli.Result md = Cli.on(scratch, "audit", "export", "--run", change);
        assertEquals(0, md.exit(), md::toString);
        assertTrue(md.out().contains("# Audit export: " + change) && md.out().contains("STEP_APPLIED"), md::toString);
        Cli.Result js = Cli.on(scratch, "audit", "export", "--run", change, "--format", "json");
        assertTrue(js.out().contains("\"playbookId\" : \"add-orders-status-index\""), js::toString);
        c.createStatement().execute("UPDATE " + events + " SET actor = 'mallory' WHERE seq = 2");
        Cli.Result audit = Cli.on(scratch, "audit", "verify");
        assertEquals(1, audit.exit(), audit::toString);
        assertTrue(audit.out().contains("TAMPERED"), audit::toString);
        // history --run says so in both forms, and exits 1 (docs/cli.md)
        Cli.Result run = Cli.on(scratch, "history", "--run", change);
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("LEDGER HASH CHAIN BROKEN"), run::toString);
        Cli.Result runJson = Cli.on(scratch, "history", "--run", change, "--json");
        assertEquals(1, runJson.exit(), runJson::toString);
        assertTrue(runJson.out().contains("\"intact\" : false"), runJson::toString);
        Ledger.ChainCheck edited = ledger.verifyChain(c);
        assertFalse(edited.intact());
        assertEquals(2, edited.firstBadSeq());
        assertTrue(edited.problem().contains("altered"), edited.problem());

        c.createStatement().execute("DELETE FROM " + events + " WHERE seq = 2");
        Ledger.ChainCheck removed = ledger.verifyChain(c);
        assertFalse(removed.intact());
        assertTrue(removed.problem().contains("missing"), removed.problem());
      }
    }
  }
}
