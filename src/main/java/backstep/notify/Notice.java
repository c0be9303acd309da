package backstep.notify;

import backstep.db.NotifyEvent;
import java.time.Instant;
import java.util.Map;

/**
 * One notification as a value, before it is formatted: what happened ({@code event}), to which run, in one sentence
 * ({@code text}) and with the event's own fields ({@code detail}: a guard's rule and values, a gate's prompt, a
 * run's error). Every text in it is already scrubbed of secrets.
 */
public record Notice(NotifyEvent event, Instant at, String target, String environment, String playbook,
    String changeId, String direction, String operator, String state, String step, String text,
    Map<String, Object> detail) {
  public Notice {
    detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
  }
}
