package backstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, keyed chain): {@code audit export}, {@code report summary} and {@code history --run}
 * read "intact" for a chain whose keyed events they could not check because no ledger key was given. They say
 * "unchecked (no key)" instead, and "intact" only when the key was given and every event recomputes.
 */
class KeyedChainOutputsIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void outputsSayUncheckedWithoutTheKeyAndIntactWithIt(ScratchDb.Kind kind) throws Exception {
    Path key = dir.resolve("ledger.key");
    Files.writeString(key, "a ledger key kept outside the database\n");
    Path pb = dir.resolve("keyed.yaml");
    Files.writeString(pb, """
        id: keyed
        title: Table keyed_t
        intent: one table
        steps:
          - id: create
            kind: sql
            title: Create keyed_t
            forward: CREATE TABLE keyed_t (code VARCHAR(20) PRIMARY KEY)
            rollback: DROP TABLE keyed_t
        """);
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes", "--ledger-key-file", key.toString());
      assertEquals(0, apply.exit(), apply::toString);
      String change = Cli.on(db, "history", "--json").out().replaceAll("(?s).*\"changeId\" : \"([^\"]+)\".*", "$1");

      Cli.Result md = Cli.on(db, "audit", "export", "--run", change);
      assertEquals(0, md.exit(), md::toString);
      String chain = md.out().substring(md.out().indexOf("## Hash chain"));
      assertTrue(chain.contains("**Unchecked (no key):**"), chain);
      assertFalse(chain.toLowerCase(java.util.Locale.ROOT).contains("intact"), chain);
      Cli.Result json = Cli.on(db, "audit", "export", "--run", change, "--format", "json");
      assertTrue(json.out().contains("\"verdict\" : \"UNCHECKED\""), json::toString);

      Cli.Result summary = Cli.on(db, "report", "summary", "--run", change);
      assertEquals(0, summary.exit(), summary::toString);
      String ledger = summary.out().substring(summary.out().indexOf("## Ledger"));
      assertTrue(ledger.contains("Hash chain unchecked (no key): "), ledger);
      assertFalse(ledger.contains("intact"), ledger);
      Cli.Result summaryJson = Cli.on(db, "report", "summary", "--run", change, "--format", "json");
      assertTrue(summaryJson.out().contains("\"verdict\" : \"UNCHECKED\""), summaryJson::toString);

      Cli.Result run = Cli.on(db, "history", "--run", change);
      String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
      assertTrue(last.startsWith("Ledger hash chain unchecked (no key): "), run::toString);
      assertFalse(last.contains("intact"), last);

      Cli.Result keyed = Cli.on(db, "audit", "export", "--run", change, "--ledger-key-file", key.toString());
      assertTrue(keyed.out().contains("Intact: all "), keyed::toString);
      Cli.Result keyedSummary = Cli.on(db, "report", "summary", "--run", change, "--ledger-key-file",
          key.toString());
      assertTrue(keyedSummary.out().contains("Hash chain intact over all "), keyedSummary::toString);
      Cli.Result keyedRun = Cli.on(db, "history", "--run", change, "--ledger-key-file", key.toString());
      assertTrue(keyedRun.out().contains("Ledger hash chain intact ("), keyedRun::toString);
    }
  }
}
