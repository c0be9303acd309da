package backstep.notify;

import backstep.db.NotifyEvent;
import backstep.playbook.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bodies a webhook receives: the generic JSON object, or Slack's incoming-webhook message. */
public final class Payloads {
  private Payloads() {}

  /** Every field of the notice, snake_case keys, nulls left out (docs/targets.md#notifications). */
  public static String json(Notice n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", "backstep");
    m.put("event", n.event().key());
    m.put("at", n.at().toString());
    m.put("target", n.target());
    m.put("environment", n.environment());
    m.put("playbook", n.playbook());
    m.put("change_id", n.changeId());
    m.put("direction", n.direction());
    m.put("operator", n.operator());
    m.put("state", n.state());
    m.put("step", n.step());
    m.put("text", n.text());
    if (!n.detail().isEmpty()) {
      m.put("detail", n.detail());
    }
    return Json.compact(m);
  }

  /**
   * A Slack incoming-webhook message: {@code text} (the notification line, also what Mattermost and other
   * Slack-compatible receivers show) and {@code blocks} (the line, then the run's particulars as context). Text is
   * escaped as Slack asks ({@code &}, {@code <}, {@code >}), so a playbook's words can neither mention a channel
   * nor forge a link.
   */
  public static String slack(Notice n) {
    String line = icon(n.event()) + " *" + escape(headline(n)) + "* " + escape(n.text());
    List<String> context = new ArrayList<>();
    if (n.changeId() != null) {
      context.add("change `" + escape(n.changeId()) + "`");
    }
    if (n.operator() != null) {
      context.add("operator " + escape(n.operator()));
    }
    if (n.state() != null) {
      context.add("state " + escape(n.state()));
    }
    context.add("backstep " + n.event().key());
    Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", line));
    Map<String, Object> ctx = Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
        String.join(" · ", context))));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", line);
    m.put("blocks", List.of(section, ctx));
    return Json.compact(m);
  }

  /** What happened, where: {@code run failed: add-note on prod-orders (production)}. */
  static String headline(Notice n) {
    String what = switch (n.event()) {
      case RUN_STARTED -> n.direction() != null && n.direction().equals("rollback") ? "rollback started"
          : "run started";
      case GATE_WAITING -> "gate waiting";
      case GUARD_BREACH -> "guard breach";
      case GUARD_ACTION -> "guard acted";
      case RUN_FAILED -> "run failed";
      case RUN_COMPLETED -> "run completed";
    };
    return what + ": " + n.playbook() + " on " + n.target() + (n.environment() == null ? ""
        : " (" + n.environment() + ")");
  }

  static String icon(NotifyEvent e) {
    return switch (e) {
      case RUN_STARTED -> ":arrow_forward:";
      case GATE_WAITING -> ":raised_hand:";
      case GUARD_BREACH -> ":warning:";
      case GUARD_ACTION -> ":rotating_light:";
      case RUN_FAILED -> ":x:";
      case RUN_COMPLETED -> ":white_check_mark:";
    };
  }

  /** Slack's three control characters as entities. */
  static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
