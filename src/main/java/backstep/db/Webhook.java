package backstep.db;

import java.time.Duration;
import java.util.Set;

/**
 * One {@code notify:} entry of a targets file: where to POST (the URL itself, or the environment variable that holds
 * it: a webhook URL often carries its token), as generic JSON or Slack-compatible, for which events, with what
 * timeout. Print it only through {@link #shown()}: never the whole URL.
 *
 * @param url the URL written in the file, or null when {@code urlEnv} names it
 * @param urlEnv the environment variable holding the URL, or null
 * @param at where the entry is written ({@code targets.yaml:12}), for messages
 */
public record Webhook(String url, String urlEnv, Format format, Set<NotifyEvent> events, Duration timeout,
    String at) {
  /** The body a webhook receives. */
  public enum Format {
    /** One JSON object per event with every field (docs/targets.md#notifications). */
    JSON,
    /** Slack's incoming-webhook shape ({@code text} and {@code blocks}); Mattermost and others accept it too. */
    SLACK
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public Webhook {
    events = Set.copyOf(events);
  }

  /** The URL to POST to: the file's, or the environment variable's value (null when it is not set). */
  public String resolve() {
    return url != null ? url : System.getenv(urlEnv);
  }

  /** How the webhook is named in output, warnings and errors: scheme and host only, or the variable's name. */
  public String shown() {
    return url != null ? Redact.endpoint(url) : "$" + urlEnv;
  }
}
