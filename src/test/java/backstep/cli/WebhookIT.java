package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver started by the test logs what one failing run sends: the generic JSON hook of the targets file
 * hears the run start, its gate wait, the guard's breach and the failure, in that order; the target's Slack hook
 * (its URL in an environment variable) hears only the events it asked for, in Slack's shape; a hook that answers
 * HTTP 500 costs a warning and never the change's outcome. No body and no line the command prints carries the
 * target's password (which the failing statement's error quotes) or any webhook's token.
 */
class WebhookIT {
  private static final String PASSWORD = "s3cr3t-pw-4711";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private record Received(String path, String contentType, String body) {}

  @Test
  void oneFailingRunIsToldToEveryWebhookWithoutASecret() throws Exception {
    List<Received> log = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      log.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Content-Type"), body));
      int status = ex.getRequestURI().getPath().startsWith("/down/") ? 500 : 200;
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, """
          notify:
            - url: %1$s/json/T0K3N-json-secret
          targets:
            orders:
              url: %2$s
              user: postgres
              password_env: BS_NOTIFY_IT_PASSWORD
              environment: staging
              notify:
                - url_env: BS_NOTIFY_IT_SLACK
                  format: slack
                  events: [run_started, run_failed]
                - url: %1$s/down/T0K3N-down-secret
                  events: [run_failed]
                  timeout: 2s
          """.formatted(base, db.url()));
      Path out = dir.resolve("out.txt");
      List<String> args = List.of("apply", playbook().toString(), "--yes", "-t", "orders", "--targets",
          targets.toString(), "--operator", "ana");
      Map<String, String> env = Map.of("BS_NOTIFY_IT_PASSWORD", PASSWORD, "BS_NOTIFY_IT_SLACK",
          base + "/slack/T0K3N-slack-secret");
      String printed;
      try (ChildProcess child = ChildProcess.start(args, env, out)) {
        assertEquals(1, child.waitFor(), child.seen());
        printed = Files.readString(out) + child.seen();
      }
      assertTrue(printed.contains("backstep: warning: notify: run_failed not delivered to " + base + "/…: HTTP 500"),
          printed);
      assertFalse(printed.contains("T0K3N"), "no webhook token in what the command prints:\n" + printed);

      List<JsonNode> json = bodies(log, "/json/T0K3N-json-secret");
      List<String> events = new ArrayList<>();
      json.forEach(j -> events.add(j.get("event").asText()));
      assertEquals("run_started", events.get(0), events::toString);
      assertEquals("gate_waiting", events.get(1), events::toString);
      assertTrue(events.contains("guard_breach"), events::toString);
      assertEquals("run_failed", events.get(events.size() - 1), events::toString);
      assertFalse(events.contains("run_completed"), events::toString);
      JsonNode started = json.get(0);
      assertEquals("backstep", started.get("source").asText());
      assertEquals("orders", started.get("target").asText());
      assertEquals("staging", started.get("environment").asText());
      assertEquals("notify-me", started.get("playbook").asText());
      assertEquals("forward", started.get("direction").asText());
      assertEquals("ana", started.get("operator").asText());
      assertTrue(started.get("change_id").asText().startsWith("CHG-"), started::toString);
      JsonNode gate = json.get(1);
      assertEquals("go", gate.get("step").asText());
      assertEquals("Ship the notes?", gate.at("/detail/prompt").asText());
      JsonNode breach = json.stream().filter(j -> j.get("event").asText().equals("guard_breach")).findFirst()
          .orElseThrow();
      assertEquals("active_connections", breach.at("/detail/metric").asText());
      assertEquals(0.0, breach.at("/detail/threshold").asDouble());
      JsonNode failed = json.get(json.size() - 1);
      assertEquals("FAILED", failed.get("state").asText());
      assertEquals("bad", failed.get("step").asText());
      assertEquals(started.get("change_id"), failed.get("change_id"));
      assertTrue(failed.at("/detail/error").asText().contains("invalid input syntax for type integer: \"***\""),
          failed::toString);

      List<JsonNode> slack = bodies(log, "/slack/T0K3N-slack-secret");
      assertEquals(2, slack.size(), slack::toString);
      assertTrue(slack.get(0).get("text").asText().startsWith(":arrow_forward: *run started: notify-me on orders "
          + "(staging)*"), slack.get(0)::toString);
      assertTrue(slack.get(1).get("text").asText().startsWith(":x: *run failed: notify-me on orders (staging)*"),
          slack.get(1)::toString);
      assertEquals("section", slack.get(1).at("/blocks/0/type").asText());
      assertEquals(1, bodies(log, "/down/T0K3N-down-secret").size(), "the failing hook was asked once");

      for (Received r : log) {
        assertEquals("application/json; charset=utf-8", r.contentType());
        assertFalse(r.body().contains(PASSWORD), "the password never leaves: " + r.body());
        assertFalse(r.body().contains("T0K3N"), "no webhook token in a body: " + r.body());
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static List<JsonNode> bodies(List<Received> log, String path) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (Received r : log) {
      if (r.path().equals(path)) {
        out.add(JSON.readTree(r.body()));
      }
    }
    return out;
  }

  private Path playbook() throws IOException {
    Path pb = dir.resolve("notify-me.yaml");
    Files.writeString(pb, """
        id: notify-me
        title: A change that fails where the team can see it
        intent: Tell the webhooks about every moment of a failing run.
        telemetry:
          interval: 250ms
          baseline: 500ms
        guards:
          - metric: active_connections
            aggregate: latest
            over: 1s
            above: 0
            window: 500ms
            action: alert
        steps:
          - id: go
            kind: gate
            title: Go ahead
            prompt: Ship the notes?
          - id: notes
            kind: sql
            title: Create notes
            forward: CREATE TABLE notes (id INT PRIMARY KEY)
            rollback: DROP TABLE notes
          - id: wait
            kind: sql
            title: Give the guard time to see
            forward: SELECT pg_sleep(1.5)
            rollback: SELECT 1
          - id: bad
            kind: sql
            title: Fail, quoting the password
            forward: SELECT '%s'::int
            rollback: SELECT 1
        """.formatted(PASSWORD));
    return pb;
  }
}
