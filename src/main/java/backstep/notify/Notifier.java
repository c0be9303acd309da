package backstep.notify;

import backstep.db.NotifyEvent;
import backstep.db.Redact;
import backstep.db.TargetSpec;
import backstep.db.Webhook;
import backstep.engine.Direction;
import backstep.engine.RunListener;
import backstep.engine.RunResult;
import backstep.engine.StepResult;
import backstep.guard.GuardEvent;
import backstep.playbook.GuardRule;
import backstep.state.RunState;
import backstep.state.StepState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells a target's webhooks about its runs: a {@link RunListener} that turns run started, gate waiting, guard breach
 * and action, failure and completion into {@link Notice}s and POSTs them, in order, from one background thread with
 * each webhook's short timeout. The engine never waits for a webhook; one that fails or is slow costs a warning.
 * Every text passes {@link Redact} (and the target's password, when its variable is set, is scrubbed too); a
 * webhook is only ever named by {@link Webhook#shown()}.
 */
public final class Notifier implements RunListener, AutoCloseable {
  /** How long {@link #close()} waits for notifications still in flight (the last, "failed" or "completed"). */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private record Hook(Webhook webhook, URI uri) {}

  private final TargetSpec target;
  private final String operator;
  private final Clock clock;
  private final List<Hook> hooks;
  private final Consumer<String> warn;
  private final String password;
  private final HttpClient http;
  private final ExecutorService sender;
  private volatile String playbook;
  private volatile String changeId;
  private volatile Direction direction;
  private volatile boolean open;

  /**
   * @param warn where a notification that could not be sent is reported (standard error in the CLI); called on the
   *     sending thread
   */
  public Notifier(TargetSpec target, String operator, List<Webhook> webhooks, Clock clock, Consumer<String> warn) {
    this.target = target;
    this.operator = operator;
    this.clock = clock;
    this.warn = warn;
    this.password = target.passwordEnv() == null ? null : System.getenv(target.passwordEnv());
    List<Hook> usable = new ArrayList<>();
    for (Webhook w : webhooks) {
      String url = w.resolve();
      if (url == null || url.isBlank()) {
        warn.accept("notify: environment variable " + w.urlEnv() + " is not set (" + w.at() + "); that webhook is "
            + "not told about this run");
        continue;
      }
      try {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null || !(uri.getScheme().equalsIgnoreCase("http")
            || uri.getScheme().equalsIgnoreCase("https"))) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        usable.add(new Hook(w, uri));
      } catch (IllegalArgumentException | NullPointerException e) {
        warn.accept("notify: " + w.shown() + " (" + w.at() + ") is not an http(s) URL; that webhook is not told "
            + "about this run");
      }
    }
    this.hooks = List.copyOf(usable);
    Duration connect = hooks.stream().map(h -> h.webhook().timeout()).max(Duration::compareTo)
        .orElse(Webhook.DEFAULT_TIMEOUT);
    this.http = hooks.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(connect)
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.sender = hooks.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "backstep-notify");
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether any webhook is told anything. */
  public boolean active() {
    return !hooks.isEmpty();
  }

  @Override
  public void runStarted(String id, String playbookId, String targetName, Direction d) {
    playbook = playbookId;
    changeId = id;
    direction = d;
    open = true;
    send(NotifyEvent.RUN_STARTED, d == Direction.FORWARD ? RunState.RUNNING : RunState.ROLLING_BACK, null,
        (d == Direction.FORWARD ? "applying " : "rolling back ") + playbookId + " on " + target.name() + " ("
            + id + ")" + (operator == null ? "" : " by " + operator), Map.of());
  }

  @Override
  public void gateWaiting(String stepId, String prompt, boolean approval) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("prompt", prompt);
    d.put("approval", approval);
    send(NotifyEvent.GATE_WAITING, RunState.RUNNING, stepId, "gate '" + stepId + "' waits for "
        + (approval ? "a second person's approval" : "a decision") + ": " + prompt, d);
  }

  @Override
  public void guardEvent(GuardEvent e) {
    boolean acts = e.kind() == GuardEvent.Kind.SUSTAINED && e.rule().action() != GuardRule.Action.ALERT;
    if (e.kind() != GuardEvent.Kind.BREACH && e.kind() != GuardEvent.Kind.SUSTAINED) {
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    d.put("rule", e.rule().describe());
    d.put("metric", e.rule().metric());
    d.put("value", round(e.value()));
    d.put("threshold", round(e.threshold()));
    d.put("baseline", round(e.baseline()));
    d.put("lasted_ms", e.lasted().toMillis());
    d.put("action", e.rule().action().name().toLowerCase(Locale.ROOT));
    send(acts ? NotifyEvent.GUARD_ACTION : NotifyEvent.GUARD_BREACH, RunState.RUNNING, null, e.describe(), d);
  }

  @Override
  public void runFinished(RunResult r) {
    open = false;
    boolean failed = !r.ok() || (direction == Direction.FORWARD && r.state() == RunState.ROLLED_BACK);
    String step = r.steps().stream().filter(s -> s.error() != null || s.state() == StepState.FAILED
        || s.state() == StepState.ROLLBACK_FAILED).map(StepResult::id).reduce((a, b) -> b).orElse(null);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("duration_ms", r.duration() == null ? null : r.duration().toMillis());
    d.put("steps", r.steps().size());
    d.put("steps_applied", r.steps().stream().filter(s -> s.state() == StepState.APPLIED).count());
    if (r.error() != null) {
      d.put("error", r.error());
    }
    d.put("run_id", r.runId());
    String text = r.playbookId() + " on " + target.name() + " " + r.state().words()
        + (r.different() ? " WITH DIFFERENCES" : "") + (r.error() == null ? "" : ": " + r.error());
    send(failed ? NotifyEvent.RUN_FAILED : NotifyEvent.RUN_COMPLETED, r.state(), step, text, d);
  }

  /**
   * Waits (at most ten seconds) for what is still being sent; a run that started and never finished (the command
   * ended with an error between) is reported as failed first.
   */
  @Override
  public void close() {
    if (sender == null) {
      return;
    }
    if (open) {
      open = false;
      send(NotifyEvent.RUN_FAILED, null, null, "the run on " + target.name() + " did not finish: the command "
          + "ended with an error; run `backstep status` to see where it stands", Map.of());
    }
    sender.shutdown();
    try {
      if (!sender.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        sender.shutdownNow();
        warn.accept("notify: gave up on notifications still being sent after " + DRAIN.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sender.shutdownNow();
    }
  }

  private void send(NotifyEvent event, RunState state, String step, String text, Map<String, Object> detail) {
    if (sender == null || hooks.stream().noneMatch(h -> h.webhook().events().contains(event))) {
      return;
    }
    Map<String, Object> d = new LinkedHashMap<>();
    detail.forEach((k, v) -> d.put(k, v instanceof String s ? scrub(s) : v));
    Notice n = new Notice(event, clock.instant(), target.name(), target.environment().key(), playbook, changeId,
        direction == null ? null : direction.name().toLowerCase(Locale.ROOT), operator,
        state == null ? null : state.name(), step, scrub(text), d);
    sender.execute(() -> deliver(n));
  }

  private void deliver(Notice n) {
    for (Hook h : hooks) {
      if (!h.webhook().events().contains(n.event())) {
        continue;
      }
      String body = h.webhook().format() == Webhook.Format.SLACK ? Payloads.slack(n) : Payloads.json(n);
      HttpRequest req = HttpRequest.newBuilder(h.uri()).timeout(h.webhook().timeout())
          .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "backstep")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      try {
        HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() / 100 != 2) {
          warn.accept("notify: " + n.event().key() + " not delivered to " + h.webhook().shown() + ": HTTP "
              + resp.statusCode());
        }
      } catch (java.io.IOException e) {
        warn.accept("notify: " + n.event().key() + " not delivered to " + h.webhook().shown() + ": "
            + reason(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Why a POST failed, in words that cannot quote the URL (the JDK's messages may). */
  private static String reason(java.io.IOException e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within the timeout";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    return e.getClass().getSimpleName();
  }

  private String scrub(String s) {
    return Redact.text(s, password);
  }

  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
  }
}
