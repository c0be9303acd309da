package backstep.db;

import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code notify:} section (top level, or a target's): one webhook as a mapping, or a list of them. Every
 * problem is reported with its line, column and field path, and reading goes on.
 */
final class NotifyReader {
  private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

  private NotifyReader() {}

  /** The webhooks of {@code parent}'s {@code notify:} field (none when it has none). */
  static List<Webhook> read(YamlObject parent) {
    Optional<YamlTree.Node> section = parent.get("notify");
    if (section.isEmpty()) {
      return List.of();
    }
    String path = parent.child("notify");
    List<YamlTree.Node> items = section.get() instanceof YamlTree.ListNode l ? l.items() : List.of(section.get());
    List<Webhook> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = section.get() instanceof YamlTree.ListNode ? path + "[" + i + "]" : path;
      YamlObject.of(items.get(i), at, parent.problems()).flatMap(NotifyReader::webhook).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  private static Optional<Webhook> webhook(YamlObject o) {
    String url = o.string("url").orElse(null);
    String urlEnv = o.string("url_env").orElse(null);
    int problems = o.problems().list().size();
    if ((url == null) == (urlEnv == null)) {
      o.problems().add(o.node(), o.path(), "give the webhook's address as url or as url_env (an environment "
          + "variable holding it), one of them");
    }
    if (url != null) {
      checkUrl(o, url);
    }
    Webhook.Format format = o.string("format").map(f -> format(o, f)).orElse(Webhook.Format.JSON);
    Set<NotifyEvent> events = events(o);
    Duration timeout = o.duration("timeout").orElse(Webhook.DEFAULT_TIMEOUT);
    if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      o.problems().add(o.get("timeout").orElse(o.node()), o.child("timeout"),
          "must be more than 0 and at most 30s (a notification never holds up a change)");
    }
    o.finish();
    if (o.problems().list().size() > problems || format == null) {
      return Optional.empty();
    }
    String file = o.problems().file() == null ? "targets file" : o.problems().file().getFileName().toString();
    return Optional.of(new Webhook(url, urlEnv, format, events, timeout, file + ":" + o.node().line()));
  }

  private static void checkUrl(YamlObject o, String url) {
    YamlTree.Node at = o.get("url").orElse(o.node());
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        o.problems().add(at, o.child("url"), "must be an http:// or https:// URL");
      } else if (u.getRawUserInfo() != null) {
        o.problems().add(at, o.child("url"), "must not carry a user or password before the host; put a URL that "
            + "needs credentials in an environment variable and name it in url_env");
      } else if (u.getHost() == null) {
        o.problems().add(at, o.child("url"), "names no host");
      }
    } catch (URISyntaxException e) {
      o.problems().add(at, o.child("url"), "not a URL: " + e.getReason());
    }
  }

  private static Webhook.Format format(YamlObject o, String text) {
    try {
      return Webhook.Format.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      o.problems().add(o.get("format").orElse(o.node()), o.child("format"), "unknown format '" + text
          + "' (allowed: json, slack)");
      return null;
    }
  }

  private static Set<NotifyEvent> events(YamlObject o) {
    if (!o.has("events")) {
      o.get("events");
      return EnumSet.allOf(NotifyEvent.class);
    }
    Set<NotifyEvent> out = EnumSet.noneOf(NotifyEvent.class);
    YamlTree.Node n = o.get("events").orElseThrow();
    List<String> keys = o.strings("events");
    List<YamlTree.Node> nodes = n instanceof YamlTree.ListNode l ? l.items() : List.of(n);
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i).trim().toLowerCase(Locale.ROOT);
      Optional<NotifyEvent> e = NotifyEvent.fromKey(key);
      if (e.isPresent()) {
        out.add(e.get());
      } else {
        YamlTree.Node at = i < nodes.size() ? nodes.get(i) : n;
        o.problems().add(at, o.child("events") + (n instanceof YamlTree.ListNode ? "[" + i + "]" : ""),
            "unknown event '" + keys.get(i) + "' (allowed: " + String.join(", ", Arrays.stream(NotifyEvent.values())
                .map(NotifyEvent::key).toList()) + ")");
      }
    }
    if (out.isEmpty() && keys.isEmpty()) {
      o.problems().add(n, o.child("events"), "lists no event; leave it out for every event");
    }
    return out;
  }
}
