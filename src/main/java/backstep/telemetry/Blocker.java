package backstep.telemetry;

import java.util.List;

/**
 * A session that holds a lock others wait for, or a session waiting: pid, user, what it runs and for how long.
 *
 * @param blocks the sessions waiting behind it (empty for a waiter)
 * @param app the client's application name where the database reports one (PostgreSQL), else ""
 * @param waitingFor what the session waits for (a lock on a relation, a metadata lock), "" when not waiting
 */
public record Blocker(long pid, String user, String state, String query, long ageMs, List<Long> blocks, String app,
    String waitingFor) {
  /**
   * An age is never negative: PostgreSQL's activity snapshot can postdate the clock read it is compared with (a
   * session that began waiting in between showed as waiting -1 ms).
   */
  public Blocker {
    ageMs = Math.max(0, ageMs);
  }

  public Blocker(long pid, String user, String state, String query, long ageMs, List<Long> blocks) {
    this(pid, user, state, query, ageMs, blocks, "", "");
  }

  public String describe() {
    return "pid " + pid + " (" + user + ", " + state + ", " + (ageMs / 1000.0) + " s): " + query
        + (blocks.isEmpty() ? "" : " — blocking " + blocks);
  }
}
