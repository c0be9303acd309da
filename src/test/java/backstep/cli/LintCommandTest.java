package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Json;
import backstep.testing.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstep lint}: exit codes per threshold, text grouped by step, --json and --junit for CI. */
class LintCommandTest {
  private static final String BAD = "src/test/resources/lint/bs001-bad-drop-column.yaml";
  private static final String WARNING_ONLY = "src/test/resources/lint/bs012-bad-unbatched-update.yaml";

  @Test
  void exitCodesFollowTheSeverityThreshold() {
    Cli.Result samples = Cli.run("lint", "playbooks");
    assertEquals(0, samples.exit(), samples::toString);
    assertTrue(samples.out().contains("✔ playbooks/add-orders-status-index.yaml — add-orders-status-index v1: "
        + "no findings"), samples::toString);

    Cli.Result bad = Cli.run("lint", BAD);
    assertEquals(1, bad.exit(), bad::toString);
    assertTrue(bad.out().contains("  step drop-note (" + BAD + ":"), "grouped by step: " + bad);
    assertTrue(bad.out().contains("✖ error   BS001 " + BAD + ":10 drops column customers.note"), bad::toString);
    assertTrue(bad.out().contains("Rules (docs/lint-rules.md):"), bad::toString);

    assertEquals(0, Cli.run("lint", WARNING_ONLY).exit(), "warnings pass at the default threshold (error)");
    assertEquals(1, Cli.run("lint", WARNING_ONLY, "--severity", "warning").exit());
    Cli.Result wrong = Cli.run("lint", WARNING_ONLY, "--severity", "fatal");
    assertEquals(2, wrong.exit(), wrong::toString);
    assertTrue(wrong.err().contains("--severity: expected error, warning or info"), wrong::toString);
  }

  @Test
  void anInvalidPlaybookExits2WithItsProblems(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "id: broken\ntitle: x\nintent: y\nsteps:\n  - id: a\n    kind: sql\n    title: t\n");
    Cli.Result r = Cli.run("lint", broken.toString(), BAD);
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.out().contains(broken + ":5:5 steps[0].forward: missing"), r::toString);
    assertTrue(r.out().contains("not linted"), r::toString);
  }

  @Test
  void jsonAndJUnitCarryEveryFinding(@TempDir Path dir) throws Exception {
    Path junit = dir.resolve("lint.xml");
    Cli.Result r = Cli.run("lint", BAD, "playbooks/add-orders-status-index.yaml", "--json", "--junit",
        junit.toString());
    assertEquals(1, r.exit(), r::toString);
    JsonNode top = Json.MAPPER.readTree(r.out());
    assertEquals("error", top.get("threshold").asText());
    assertTrue(top.get("fails").asBoolean());
    JsonNode first = top.get("playbooks").get(0);
    assertEquals("bs001-bad-drop-column", first.get("id").asText());
    JsonNode f = first.get("findings").get(0);
    assertEquals("BS001", f.get("rule").asText());
    assertEquals("error", f.get("severity").asText());
    assertEquals("drop-note", f.get("step").asText());
    assertEquals("[\"postgresql\",\"mysql\"]", f.get("dialects").toString(), "one text, both dialects");
    assertEquals(10, f.get("line").asInt());
    assertEquals("ALTER TABLE customers DROP COLUMN note", f.get("statement").asText());
    assertTrue(f.get("alternative").asText().contains("snapshot"), f::toString);
    assertEquals(0, top.get("playbooks").get(1).get("findings").size());

    String xml = Files.readString(junit);
    assertTrue(xml.contains("<testsuite name=\"backstep.lint.bs001-bad-drop-column\" tests=\"1\" failures=\"1\""),
        xml);
    assertTrue(xml.contains("<failure message=\"2 finding(s): BS001 error step 'drop-note'"), xml);
    assertTrue(xml.contains("<testsuite name=\"backstep.lint.add-orders-status-index\" tests=\"1\" failures=\"0\""),
        xml);
  }
}
