package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.DemoSchema;
import backstep.playbook.Json;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backstep drill run|history|list} on the command line: a headless attempt marked automatic, its debrief
 * files, its place in the drill's history; production targets refused before anything starts.
 */
class DrillCliIT {
  @TempDir
  Path reports;

  @Test
  void runThenHistoryShowsTheAutomaticAttempt() throws Exception {
    try (ScratchDb scratch = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      try (Connection c = scratch.connect()) {
        DemoSchema.seed(c, org.jooq.SQLDialect.POSTGRES, false);
      }
      Cli.Result run = Cli.on(scratch, "drill", "run", "drills/corrupted-backfill.yaml", "--json", "--report-dir",
          reports.toString(), "--operator", "ana");
      assertEquals(0, run.exit(), run::toString);
      JsonNode r = Json.MAPPER.readTree(run.out());
      assertTrue(r.path("automatic").asBoolean(), run::toString);
      assertEquals("ROLLED_BACK", r.path("finalState").asText());
      assertEquals(0, r.path("lostWrites").path("lost").asLong());
      assertTrue(run.err().contains("⚡ [fault] corrupt_rows"), run::toString);
      assertFalse(run.err().contains("\tat "), "no stack traces: " + run.err());
      for (String f : new String[] {"debrief.md", "debrief.html", "debrief.json", "latency.png"}) {
        assertTrue(Files.size(reports.resolve(f)) > 0, f);
      }
      String md = Files.readString(reports.resolve("debrief.md"));
      assertTrue(md.contains("**automatic attempt**") && md.contains("![workload latency](latency.png)")
          && md.contains("_Answer:_"), md);

      Cli.Result history = Cli.on(scratch, "drill", "history", "drills/corrupted-backfill.yaml");
      assertEquals(0, history.exit(), history::toString);
      assertTrue(history.out().lines().anyMatch(l -> l.contains("pass") && l.contains("yes")), history::toString);
    }
  }

  @Test
  void aProductionTargetIsRefusedAndListShowsTheSamples() throws Exception {
    Cli.Result prod = Cli.run("drill", "run", "drills/failed-backfill.yaml", "--url",
        "jdbc:postgresql://127.0.0.1:5432/postgres", "--user", "postgres", "--environment", "production");
    assertEquals(2, prod.exit(), prod::toString);
    assertTrue(prod.err().contains("never run on production targets"), prod::toString);

    Cli.Result list = Cli.run("drill", "list");
    assertEquals(0, list.exit(), list::toString);
    for (String id : new String[] {"lock-pileup", "failed-backfill", "corrupted-backfill", "latency-regression",
        "connection-lost-mariadb"}) {
      assertTrue(list.out().contains(id), list::toString);
    }
  }
}
