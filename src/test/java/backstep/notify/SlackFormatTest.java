package backstep.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import backstep.db.NotifyEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Slack-compatible body: the line people read, its context, and escaping of what a playbook says. */
class SlackFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Notice notice(NotifyEvent event, String text) {
    return new Notice(event, Instant.parse("2026-12-06T07:00:00Z"), "prod-orders", "production", "add-note",
        "CHG-20261206-070000-ab12", "forward", "ana", "FAILED", "backfill", text, Map.of("error", "boom"));
  }

  @Test
  void aFailedRunReadsAsOneLineWithItsRunBelow() throws Exception {
    JsonNode m = JSON.readTree(Payloads.slack(notice(NotifyEvent.RUN_FAILED, "add-note on prod-orders failed: "
        + "division by zero")));
    String line = ":x: *run failed: add-note on prod-orders (production)* add-note on prod-orders failed: division "
        + "by zero";
    assertEquals(line, m.get("text").asText());
    assertEquals("section", m.at("/blocks/0/type").asText());
    assertEquals("mrkdwn", m.at("/blocks/0/text/type").asText());
    assertEquals(line, m.at("/blocks/0/text/text").asText());
    assertEquals("context", m.at("/blocks/1/type").asText());
    assertEquals("change `CHG-20261206-070000-ab12` · operator ana · state FAILED · backstep run_failed",
        m.at("/blocks/1/elements/0/text").asText());
  }

  @Test
  void eachEventHasItsIconAndHeadline() throws Exception {
    assertEquals(":arrow_forward: *run started: add-note on prod-orders (production)* x",
        JSON.readTree(Payloads.slack(notice(NotifyEvent.RUN_STARTED, "x"))).get("text").asText());
    assertEquals(":raised_hand: *gate waiting: add-note on prod-orders (production)* x",
        JSON.readTree(Payloads.slack(notice(NotifyEvent.GATE_WAITING, "x"))).get("text").asText());
    assertEquals(":warning: *guard breach: add-note on prod-orders (production)* x",
        JSON.readTree(Payloads.slack(notice(NotifyEvent.GUARD_BREACH, "x"))).get("text").asText());
    assertEquals(":rotating_light: *guard acted: add-note on prod-orders (production)* x",
        JSON.readTree(Payloads.slack(notice(NotifyEvent.GUARD_ACTION, "x"))).get("text").asText());
    assertEquals(":white_check_mark: *run completed: add-note on prod-orders (production)* x",
        JSON.readTree(Payloads.slack(notice(NotifyEvent.RUN_COMPLETED, "x"))).get("text").asText());
  }

  /** Regression guard: a prompt with {@code <!channel>} or a link must not ping a channel or forge a link. */
  @Test
  void controlCharactersAreEscapedSoAPromptCannotPingOrLink() throws Exception {
    String text = JSON.readTree(Payloads.slack(notice(NotifyEvent.GATE_WAITING,
        "ask <!channel> & see <https://evil.example|the runbook>"))).get("text").asText();
    assertEquals(":raised_hand: *gate waiting: add-note on prod-orders (production)* ask &lt;!channel&gt; &amp; see "
        + "&lt;https://evil.example|the runbook&gt;", text);
    assertFalse(text.contains("<"), text);
  }

  @Test
  void theGenericJsonCarriesEveryField() throws Exception {
    JsonNode m = JSON.readTree(Payloads.json(notice(NotifyEvent.RUN_FAILED, "failed")));
    assertEquals("backstep", m.get("source").asText());
    assertEquals("run_failed", m.get("event").asText());
    assertEquals("2026-12-06T07:00:00Z", m.get("at").asText());
    assertEquals("prod-orders", m.get("target").asText());
    assertEquals("production", m.get("environment").asText());
    assertEquals("add-note", m.get("playbook").asText());
    assertEquals("CHG-20261206-070000-ab12", m.get("change_id").asText());
    assertEquals("forward", m.get("direction").asText());
    assertEquals("ana", m.get("operator").asText());
    assertEquals("FAILED", m.get("state").asText());
    assertEquals("backfill", m.get("step").asText());
    assertEquals("failed", m.get("text").asText());
    assertEquals("boom", m.at("/detail/error").asText());
  }
}
