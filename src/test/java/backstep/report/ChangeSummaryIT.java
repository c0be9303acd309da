package backstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.PolicyRule;
import backstep.db.RunGate;
import backstep.db.TargetSpec;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.ledger.LedgerReader;
import backstep.playbook.Json;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.testing.Approve;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run of a sample playbook on PostgreSQL — with a lock held by another session, so the first step retries —
 * and its post-change summary in Markdown, HTML and JSON: step names and timings, the retry, approvers, checks.
 */
class ChangeSummaryIT {
  @TempDir
  Path dir;

  @Test
  void theSummaryOfARealRunShowsWhatRanDeviationsApprovalsAndChecks() throws Exception {
    try (ScratchDb scratch = ScratchDb.seeded(ScratchDb.Kind.POSTGRES)) {
      PolicyRule rule = new PolicyRule(EnvironmentClass.STAGING, EnumSet.of(RunGate.CONFIRMATION,
          RunGate.SECOND_APPROVER), EnumSet.of(RunGate.CONFIRMATION), "targets.yaml:9");
      TargetSpec spec = new TargetSpec("orders-staging", scratch.url(), "postgres", null, EnvironmentClass.STAGING,
          null, rule);
      Connection blocker = scratch.connect();
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE customers IN ACCESS SHARE MODE");
      RunListener releaseOnFirstRetry = new RunListener() {
        @Override
        public void retrying(String stepId, int attempt, int max, Duration wait, String reason) {
          try {
            blocker.commit();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        }
      };
      String change;
      try (Database db = Database.open(spec, null, Path.of("target"), false); blocker) {
        Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
        RunResult r = Engine.join(engine.apply(db, new PlaybookLoader(null).load(Path.of(
            "playbooks/add-email-verified.yaml")), new RunOptions("ana", "bob", null, null, null)
            .withTags(Map.of("release", "2026.11")), new Approve("ana", "bob"), releaseOnFirstRetry));
        assertEquals(RunState.APPLIED, r.state(), r::toString);
        change = r.changeId();
        LedgerReader reader = new LedgerReader(db);
        LedgerReader.RunDetail d = reader.run(change);
        var chain = reader.verifyChain();

        String md = ChangeReports.summary(d, chain, ChangeReports.Format.MD);
        assertTrue(md.startsWith("# Change summary: " + change + " — applied\n"), md);
        assertTrue(md.contains("- **Applied by:** ana; approver bob"), md);
        assertTrue(md.contains("release=2026.11"), md);
        for (String step : new String[] {"notify", "add-column", "backfill", "approve-flag", "flag-on",
            "enforce-not-null"}) {
          assertTrue(Pattern.compile("\\| \\d \\| " + step + " \\| \\w+ \\| applied \\| ana \\| \\d+(\\.\\d)? m?s \\|")
              .matcher(md).find(), () -> step + " with its timing:\n" + md);
        }
        assertTrue(md.contains("| 2 | add-column | sql | applied | ana |"), md);
        assertTrue(Pattern.compile("\\| add-column \\| retry \\| attempt 1 of 6 after 200 ms: lock timeout after "
            + "500 ms").matcher(md).find(), "the retry is a deviation:\n" + md);
        assertTrue(md.contains("| apply confirmed |  | ana | bob | confirmed | test | staging.apply \\[confirmation, "
            + "second_approver\\] from targets.yaml:9 |"), md);
        assertTrue(md.contains("| gate | approve-flag | ana | bob | approved | test |"), md);
        assertTrue(md.contains("| manual step (forward) | notify | ana |  | done | test |"), md);
        assertTrue(md.contains("| after forward |  | customers keep every row | 20000 | 20000 | same as before "
            + "(20000) | passed |"), md);
        assertTrue(md.contains("| after forward |  | every customer has email_verified | 0 |  | = 0 | passed |"), md);
        assertTrue(md.contains("Hash chain intact"), md);

        String html = ChangeReports.summary(d, chain, ChangeReports.Format.HTML);
        assertTrue(html.contains("<td>add-column</td><td>sql</td><td>applied</td><td>ana</td>"), html);
        assertTrue(html.contains("<td>bob</td>"), html);
        assertTrue(html.contains("<td>retry</td>"), html);

        JsonNode json = Json.MAPPER.readTree(ChangeReports.summary(d, chain, ChangeReports.Format.JSON));
        assertEquals(change, json.get("changeId").asText());
        assertEquals("add-column", json.at("/steps/1/id").asText());
        assertEquals(2, json.at("/steps/1/attempts").asInt(), "one lock timeout, then success");
        assertTrue(json.at("/steps/2/forward").asText().startsWith("PT"), json.toString());
        assertEquals("retry", json.at("/deviations/0/kind").asText());
        assertEquals("bob", json.at("/decisions/0/approver").asText());
        assertTrue(json.get("checks").size() >= 10, json.toString());
        assertEquals("2026.11", json.at("/tags/labels/release").asText());

        RunResult back = Engine.join(engine.rollback(db, null, new RunOptions("carol", "dave", null, change, null),
            new Approve("carol", "dave"), new RunListener() { }));
        assertEquals(RunState.ROLLED_BACK, back.state(), back::toString);
        String after = ChangeReports.summary(reader.run(change), reader.verifyChain(), ChangeReports.Format.MD);
        assertTrue(after.startsWith("# Change summary: " + change + " — rolled back\n"), after);
        assertTrue(after.contains("- **Rollback took:** "), after);
        assertTrue(Pattern.compile("\\| 2 \\| add-column \\| sql \\| rolled back \\| \\w+ \\| \\d+(\\.\\d)? m?s \\| "
            + "\\d+(\\.\\d)? m?s \\|").matcher(after).find(), "forward and rollback timings:\n" + after);
        assertTrue(after.contains("- **Applied by:** ana; approver bob\n- **Rolled back by:** carol; approver dave"),
            after);
        assertTrue(after.contains("|  | rollback | rollback started by carol (the run was applied) |"), after);
        assertTrue(after.contains("| rollback confirmed |  | carol | dave | confirmed | test | staging.rollback "
            + "\\[confirmation\\] from targets.yaml:9 |"), after);
        assertTrue(after.contains("| after rollback |  | customer data unchanged after rollback |"), after);
      }

      Path html = dir.resolve("summary.html");
      Cli.Result cli = Cli.run("report", "summary", "--run", change, "--url", scratch.url(), "--user", "postgres",
          "--name", "orders-staging", "--format", "html", "-o", html.toString());
      assertEquals(0, cli.exit(), cli::toString);
      assertTrue(Files.readString(html).contains("<h1>Change summary: " + change + " — rolled back</h1>"));
      Cli.Result bad = Cli.run("report", "summary", "--run", "CHG-nope", "--url", scratch.url(), "--user",
          "postgres", "--format", "pdf");
      assertEquals(2, bad.exit(), bad::toString);
      assertTrue(bad.err().contains("--format: use md, html or json"), bad::toString);
      Cli.Result missing = Cli.run("report", "summary", "--run", "CHG-nope", "--url", scratch.url(), "--user",
          "postgres");
      assertEquals(2, missing.exit(), missing::toString);
      assertTrue(missing.err().contains("no run 'CHG-nope'"), missing::toString);
    }
  }

  @Test
  void theNoticeCommandWritesAFileForTheTargetsDialect() throws Exception {
    Path out = dir.resolve("notice.md");
    Cli.Result r = Cli.run("report", "notice", "playbooks/add-orders-status-index.yaml", "--url",
        "jdbc:mysql://127.0.0.1:3306/nowhere", "--name", "orders-eu", "--window", "Tue 22:00 UTC", "-o",
        out.toString());
    assertEquals(0, r.exit(), r::toString);
    String md = Files.readString(out);
    assertTrue(md.contains("- **Target:** orders-eu (staging, mysql)"), md);
    assertTrue(md.contains("ALGORITHM=INPLACE"), md);
    assertTrue(r.err().contains("Change notice for add-orders-status-index on orders-eu written to " + out),
        r::toString);
  }
}
