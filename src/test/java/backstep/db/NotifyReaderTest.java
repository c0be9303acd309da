package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code notify:} of targets.yaml: the file's webhooks and a target's, and refusals with file:line and field. */
class NotifyReaderTest {
  @TempDir
  Path dir;

  private Targets load(String yaml) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, yaml);
    return Targets.load(f);
  }

  @Test
  void theFilesWebhooksComeFirstThenTheTargetsOwn() throws Exception {
    Targets t = load("""
        notify:
          url: https://hooks.example.com/backstep/T0K3N
        targets:
          orders:
            url: jdbc:postgresql://127.0.0.1:5432/x
            environment: production
            notify:
              - url_env: ORDERS_SLACK_WEBHOOK
                format: slack
                events: [run_failed, guard_action]
                timeout: 2s
          billing:
            url: jdbc:postgresql://127.0.0.1:5432/y
            environment: staging
        """);
    List<Webhook> orders = t.webhooks("orders");
    assertEquals(2, orders.size());
    Webhook all = orders.get(0);
    assertEquals("https://hooks.example.com/backstep/T0K3N", all.url());
    assertEquals(Webhook.Format.JSON, all.format());
    assertEquals(EnumSet.allOf(NotifyEvent.class), all.events());
    assertEquals(Duration.ofSeconds(5), all.timeout());
    assertEquals("targets.yaml:2", all.at());
    Webhook slack = orders.get(1);
    assertEquals("ORDERS_SLACK_WEBHOOK", slack.urlEnv());
    assertEquals(Webhook.Format.SLACK, slack.format());
    assertEquals(Set.of(NotifyEvent.RUN_FAILED, NotifyEvent.GUARD_ACTION), slack.events());
    assertEquals(Duration.ofSeconds(2), slack.timeout());
    assertEquals(List.of(all), t.webhooks("billing"));
    assertEquals(List.of(all), t.webhooks("127.0.0.1:5432:z"), "a --url target hears the file's webhooks");
  }

  @Test
  void aWebhookIsShownWithoutItsToken() {
    Webhook w = new Webhook("https://hooks.slack.com/services/T000/B000/XXXXSECRET", null, Webhook.Format.SLACK,
        EnumSet.allOf(NotifyEvent.class), Duration.ofSeconds(5), "targets.yaml:3");
    assertEquals("https://hooks.slack.com/…", w.shown());
    assertEquals("http://127.0.0.1:8080/…", Redact.endpoint("http://127.0.0.1:8080/hook?token=abc"));
    assertEquals("https://example.com", Redact.endpoint("https://example.com"));
    assertFalse(Redact.endpoint("https://u:pw@example.com/x").contains("pw"));
    assertEquals("$SLACK_URL", new Webhook(null, "SLACK_URL", Webhook.Format.JSON, Set.of(), Duration.ofSeconds(1),
        "x").shown());
  }

  @Test
  void everyMistakeIsReportedWithItsLineAndField() throws Exception {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> load("""
        notify:
          - url: https://hooks.example.com/a
            url_env: ALSO_THIS
          - url: ftp://files.example.com/hook
          - url: https://me:s3cret@hooks.example.com/b
            format: teams
            events: [run_failed, run_exploded]
            timeout: 2m
            colour: red
        targets:
          orders:
            url: jdbc:postgresql://127.0.0.1:5432/x
            environment: staging
            notify: {}
        """));
    List<String> lines = e.problems().stream().map(Problem::format).toList();
    String all = String.join("\n", lines);
    assertTrue(all.contains("targets.yaml:2:5 notify[0]: give the webhook's address as url or as url_env"), all);
    assertTrue(all.contains("targets.yaml:4:10 notify[1].url: must be an http:// or https:// URL"), all);
    assertTrue(all.contains("targets.yaml:5:10 notify[2].url: must not carry a user or password before the host"),
        all);
    assertTrue(all.contains("targets.yaml:6:13 notify[2].format: unknown format 'teams' (allowed: json, slack)"),
        all);
    assertTrue(all.contains("targets.yaml:7:26 notify[2].events[1]: unknown event 'run_exploded' (allowed: "
        + "run_started, gate_waiting, guard_breach, guard_action, run_failed, run_completed)"), all);
    assertTrue(all.contains("targets.yaml:8:14 notify[2].timeout: must be more than 0 and at most 30s"), all);
    assertTrue(all.contains("targets.yaml:9:5 notify[2].colour: unknown field (allowed: events, format, timeout, "
        + "url, url_env)"), all);
    assertTrue(all.contains("targets.yaml:14:13 targets.orders.notify: give the webhook's address as url or as "
        + "url_env"), all);
    assertFalse(all.contains("s3cret"), "a problem never repeats a credential: " + all);
  }
}
