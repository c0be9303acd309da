package backstep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.playbook.DialectFamily;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-change notice, from a sample playbook, in each format; nothing in it escapes its format. */
class ChangeNoticeTest {
  private static final TargetSpec STAGING = new TargetSpec("orders-staging", "jdbc:postgresql://db/orders",
      "backstep", null, EnvironmentClass.STAGING);

  private static Playbook sample(String name) throws Exception {
    return new PlaybookLoader(null).load(Path.of("playbooks", name));
  }

  @Test
  void theMarkdownNoticeTellsStakeholdersWhatWhenWhoAndTheWayBack() throws Exception {
    String md = ChangeReports.notice(sample("add-email-verified.yaml"), STAGING, DialectFamily.POSTGRESQL,
        "2026-11-24 22:00-23:00 UTC", ChangeReports.Format.MD);
    for (String expected : new String[] {
        "# Change notice: Add customers.email_verified (expand/contract)",
        "- **Window:** 2026-11-24 22:00-23:00 UTC",
        "- **Owners:** ana.dba@example.com, payments-team",
        "## Why\n\nRecord whether each customer's email address has been verified",
        "| checkout service | reads the new column only once the email_verified_enabled flag is on |",
        "### 2. Add nullable column \\[sql, add-column\\]",
        "| ALTER TABLE customers ADD COLUMN email_verified BOOLEAN | ACCESS EXCLUSIVE on customers: reads and writes "
            + "wait",
        "| row locks on the rows it changes in customers (ROW EXCLUSIVE) |",
        "- **Guards:** lock timeout 500 ms × 5 retries (backoff 200 ms, capped at 3000 ms) · statement timeout "
            + "30000 ms · batches of 5000",
        "- step 6 enforce-not-null: run ALTER TABLE customers ADD CONSTRAINT customers_email_verified_nn CHECK "
            + "(email_verified IS NOT NULL) NOT VALID; ALTER TABLE customers ALTER COLUMN email_verified "
                + "DROP NOT NULL;",
        "- step 1 notify: operator: Post in #payments that the change was rolled back.",
        "| before the first step | run confirmation | staging.apply: confirmation (built-in) |",
        "| step 4 approve-flag | gate | Backfill complete. Switch email_verified_enabled on for checkout? — the "
            + "operator confirms |",
        "| while the run is watched | guard (staging default) | p50 probe_ms over 10.0 s above 500 → alert |",
        "| preflight | check | no orphan orders failing stops the run |",
        "- every customer row has email_verified set (no NULLs)",
        "- **Expected after a rollback:** the customers table and feature_flags exactly as before the change",
        "| customers keep every row | row count of customers | after step, after forward, after rollback | same as "
            + "before the change | stop |"}) {
      assertTrue(md.contains(expected), () -> "missing: " + expected + "\n" + md);
    }
  }

  @Test
  void onMySqlTheLocksAreInnoDbs() throws Exception {
    String md = ChangeReports.notice(sample("add-orders-status-index.yaml"), new TargetSpec("m",
        "jdbc:mysql://db/x", "u", null, EnvironmentClass.PRODUCTION), DialectFamily.MYSQL, null,
        ChangeReports.Format.MD);
    assertTrue(md.contains("- **Window:** not scheduled yet"), md);
    assertTrue(md.contains("metadata lock on orders at start and end only; reads and writes go on (online DDL)"), md);
    assertTrue(md.contains("| production.apply: typed_confirmation, second_approver (built-in) |"), md);
  }

  @Test
  void jsonCarriesTheSameFacts() throws Exception {
    JsonNode n = Json.MAPPER.readTree(ChangeReports.notice(sample("add-email-verified.yaml"), STAGING,
        DialectFamily.POSTGRESQL, null, ChangeReports.Format.JSON));
    assertEquals("add-email-verified", n.get("playbookId").asText());
    assertEquals(6, n.get("steps").size());
    assertEquals("SHARE UPDATE EXCLUSIVE on orders: reads and writes go on while the index builds",
        Json.MAPPER.readTree(ChangeReports.notice(sample("add-orders-status-index.yaml"), STAGING,
            DialectFamily.POSTGRESQL, null, ChangeReports.Format.JSON)).at("/steps/0/changes/0/locks").asText());
    assertEquals("checkout service", n.at("/blastRadius/0/system").asText());
  }

  @Test
  void htmlIsOneSelfContainedPageWithEverythingEscaped(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("evil.yaml");
    Files.writeString(f, """
        id: evil
        title: "<script>alert('x')</script> & co"
        intent: "Quote \\"this\\" <b>bold</b>"
        owners: ["<img src=x onerror=alert(1)>"]
        steps:
          - id: s
            kind: manual
            title: "a | b *c* `d`"
            instruction: "</td></tr><tr><td>"
        """);
    Playbook pb = new PlaybookLoader(null).load(f);
    String html = ChangeReports.notice(pb, STAGING, DialectFamily.POSTGRESQL, "<now>", ChangeReports.Format.HTML);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<style>") && !html.contains("<script") && !html.contains("<link")
        && !html.contains("<img"), html);
    assertTrue(html.contains("<h1>Change notice: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>"),
        html);
    assertTrue(html.contains("Quote &quot;this&quot; &lt;b&gt;bold&lt;/b&gt;"), html);
    assertTrue(html.contains("<td>&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;</td>"), html);
    assertTrue(html.contains("@media print"), "printable");
    String md = ChangeReports.notice(pb, STAGING, DialectFamily.POSTGRESQL, null, ChangeReports.Format.MD);
    assertTrue(md.contains("### 1. a \\| b \\*c\\* \\`d\\` \\[manual, s\\]") || md.contains("a | b \\*c\\*"), md);
    assertTrue(md.contains("| &lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt; |"), md);
    assertFalse(md.contains("<img"), md);
  }
}
