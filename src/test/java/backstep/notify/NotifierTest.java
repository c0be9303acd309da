package backstep.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.EnvironmentClass;
import backstep.db.NotifyEvent;
import backstep.db.TargetSpec;
import backstep.db.Webhook;
import backstep.engine.Direction;
import backstep.engine.RunResult;
import backstep.guard.GuardEvent;
import backstep.playbook.GuardRule;
import backstep.state.RunState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which engine events become which notifications (a guard that acts, a forward run rolled back, a run the command
 * abandoned), against a receiver on 127.0.0.1; and that an unreachable webhook costs only a warning that does not
 * name its token.
 */
class NotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T07:00:00Z"), ZoneOffset.UTC);
  private static final TargetSpec TARGET = new TargetSpec("orders", "jdbc:postgresql://db/orders", "app", null,
      EnvironmentClass.STAGING);

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private String url;

  @BeforeEach
  void receive() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/T0K3N";
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private Notifier notifier(String to) {
    return new Notifier(TARGET, "ana", List.of(new Webhook(to, null, Webhook.Format.JSON,
        EnumSet.allOf(NotifyEvent.class), Duration.ofSeconds(2), "targets.yaml:3")), CLOCK, warnings::add);
  }

  private List<String> events() throws Exception {
    List<String> out = new ArrayList<>();
    for (String body : received) {
      JsonNode n = JSON.readTree(body);
      out.add(n.get("event").asText() + (n.has("state") ? " " + n.get("state").asText() : ""));
    }
    return out;
  }

  @Test
  void aGuardThatActsAndAForwardRunRolledBackAreAnActionAndAFailure() throws Exception {
    try (Notifier n = notifier(url)) {
      n.runStarted("CHG-1", "add-note", "orders", Direction.FORWARD);
      n.guardEvent(guard(GuardEvent.Kind.BREACH, GuardRule.Action.ROLLBACK));
      n.guardEvent(guard(GuardEvent.Kind.TRANSIENT, GuardRule.Action.ROLLBACK));
      n.guardEvent(guard(GuardEvent.Kind.SUSTAINED, GuardRule.Action.ALERT));
      n.guardEvent(guard(GuardEvent.Kind.SUSTAINED, GuardRule.Action.ROLLBACK));
      n.guardEvent(guard(GuardEvent.Kind.RECOVERED, GuardRule.Action.ROLLBACK));
      n.runFinished(result(RunState.ROLLED_BACK));
    }
    assertEquals(List.of("run_started RUNNING", "guard_breach RUNNING", "guard_breach RUNNING",
        "guard_action RUNNING", "run_failed ROLLED_BACK"), events());
    assertTrue(warnings.isEmpty(), warnings::toString);
  }

  @Test
  void aRollbackThatRollsBackIsCompleted() throws Exception {
    try (Notifier n = notifier(url)) {
      n.runStarted("CHG-1", "add-note", "orders", Direction.ROLLBACK);
      n.runFinished(result(RunState.ROLLED_BACK));
    }
    assertEquals(List.of("run_started ROLLING_BACK", "run_completed ROLLED_BACK"), events());
  }

  @Test
  void aRunTheCommandAbandonedIsReportedAsFailedOnClose() throws Exception {
    try (Notifier n = notifier(url)) {
      n.runStarted("CHG-1", "add-note", "orders", Direction.FORWARD);
    }
    assertEquals(List.of("run_started RUNNING", "run_failed"), events());
    assertTrue(JSON.readTree(received.get(1)).get("text").asText().contains("did not finish"), received::toString);
  }

  @Test
  void anUnreachableWebhookIsAWarningThatHidesItsToken() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (Notifier n = notifier("http://127.0.0.1:" + closed + "/hook/T0K3N")) {
      n.runStarted("CHG-1", "add-note", "orders", Direction.FORWARD);
      n.runFinished(result(RunState.APPLIED));
    }
    assertEquals(2, warnings.size(), warnings::toString);
    assertEquals("notify: run_started not delivered to http://127.0.0.1:" + closed + "/…: connection refused",
        warnings.get(0));
    assertFalse(String.join("\n", warnings).contains("T0K3N"), warnings::toString);
  }

  private static GuardEvent guard(GuardEvent.Kind kind, GuardRule.Action action) {
    GuardRule rule = new GuardRule("canary_ms", "p95", Duration.ofSeconds(5), 150, false, Duration.ofSeconds(5),
        action, 9);
    return new GuardEvent(CLOCK.instant(), kind, rule, 400, 150, Double.NaN, Duration.ofSeconds(5), List.of(400.0), "");
  }

  private static RunResult result(RunState state) {
    return new RunResult("run-1", "CHG-1", "orders", "add-note", 1, "sha", state, "ana", null, Duration.ofSeconds(3),
        List.of(), null, List.of(), List.of(), null);
  }
}
