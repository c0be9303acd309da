package backstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Json;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, keyed chain): {@code audit export}, {@code report summary} and {@code history --run}
 * read "intact" for a chain whose keyed events they could not check because no ledger key was given. They say
 * "unchecked (no key)" instead, and "intact" only when the key was given and every event recomputes. Their JSON said
 * {@code "intact" : true} beside {@code "verdict" : "UNCHECKED"}, and they exited 0 where {@code audit verify} exits 2:
 * now {@code intact} is false unless every event was checked, and all four end with 2 on an unchecked chain, still
 * writing their output and saying why on standard error.
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

      Cli.Result verify = Cli.on(db, "audit", "verify", "--json");
      assertEquals(2, verify.exit(), verify::toString);
      assertUnchecked(verify.out(), "");

      Cli.Result md = Cli.on(db, "audit", "export", "--run", change);
      assertEquals(2, md.exit(), "the exit audit verify gives an unchecked chain\n" + md);
      String chain = md.out().substring(md.out().indexOf("## Hash chain"));
      assertTrue(chain.contains("**Unchecked (no key):**"), chain);
      assertFalse(chain.toLowerCase(java.util.Locale.ROOT).contains("intact"), chain);
      assertSaysExit2(md);
      Cli.Result json = Cli.on(db, "audit", "export", "--run", change, "--format", "json");
      assertEquals(2, json.exit(), json::toString);
      assertUnchecked(json.out(), "/chain");

      Cli.Result summary = Cli.on(db, "report", "summary", "--run", change);
      assertEquals(2, summary.exit(), summary::toString);
      String ledger = summary.out().substring(summary.out().indexOf("## Ledger"));
      assertTrue(ledger.contains("Hash chain unchecked (no key): "), ledger);
      assertFalse(ledger.contains("intact"), ledger);
      assertSaysExit2(summary);
      Cli.Result summaryJson = Cli.on(db, "report", "summary", "--run", change, "--format", "json");
      assertEquals(2, summaryJson.exit(), summaryJson::toString);
      assertUnchecked(summaryJson.out(), "/chain");

      Cli.Result run = Cli.on(db, "history", "--run", change);
      assertEquals(2, run.exit(), run::toString);
      String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
      assertTrue(last.startsWith("Ledger hash chain unchecked (no key): "), run::toString);
      assertFalse(last.contains("intact"), last);
      assertSaysExit2(run);
      Cli.Result runJson = Cli.on(db, "history", "--run", change, "--json");
      assertEquals(2, runJson.exit(), runJson::toString);
      assertUnchecked(runJson.out(), "/chain");

      String k = key.toString();
      Cli.Result keyed = Cli.on(db, "audit", "export", "--run", change, "--ledger-key-file", k);
      assertEquals(0, keyed.exit(), keyed::toString);
      assertTrue(keyed.out().contains("Intact: all "), keyed::toString);
      Cli.Result keyedSummary = Cli.on(db, "report", "summary", "--run", change, "--ledger-key-file", k);
      assertEquals(0, keyedSummary.exit(), keyedSummary::toString);
      assertTrue(keyedSummary.out().contains("Hash chain intact over all "), keyedSummary::toString);
      Cli.Result keyedRun = Cli.on(db, "history", "--run", change, "--ledger-key-file", k);
      assertEquals(0, keyedRun.exit(), keyedRun::toString);
      assertTrue(keyedRun.out().contains("Ledger hash chain intact ("), keyedRun::toString);
      for (String[] args : List.of(new String[] {"audit", "verify", "--json"},
          new String[] {"audit", "export", "--run", change, "--format", "json"},
          new String[] {"report", "summary", "--run", change, "--format", "json"},
          new String[] {"history", "--run", change, "--json"})) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--ledger-key-file", k));
        Cli.Result r = Cli.on(db, all.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        JsonNode c = Json.MAPPER.readTree(r.out()).at(args[0].equals("audit") && args[1].equals("verify") ? ""
            : "/chain");
        assertTrue(c.get("intact").asBoolean(), r::toString);
        assertEquals("INTACT", c.get("verdict").asText(), r::toString);
        assertEquals(0, c.get("unchecked").asLong(), r::toString);
      }
    }
  }

  /** The JSON's chain at {@code at} is not intact, with its verdict and counts beside it. */
  private static void assertUnchecked(String json, String at) throws Exception {
    JsonNode c = Json.MAPPER.readTree(json).at(at);
    assertFalse(c.get("intact").asBoolean(), json);
    assertEquals("UNCHECKED", c.get("verdict").asText(), json);
    assertTrue(c.get("unchecked").asLong() > 0, json);
    assertEquals(c.get("unchecked").asLong(), c.get("keyed").asLong(), json);
    assertTrue(c.get("events").asLong() >= c.get("keyed").asLong(), json);
  }

  /** The text output says why the command ends with 2 although it wrote its output. */
  private static void assertSaysExit2(Cli.Result r) {
    assertTrue(r.err().contains("exit 2") && r.err().contains("unchecked (no key)"), r::toString);
  }
}
