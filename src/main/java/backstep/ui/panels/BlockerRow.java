package backstep.ui.panels;

/**
 * One session in the blocking-session list: a blocker (holding what others wait for) or a waiter.
 *
 * @param who "blocks 4122, 4123" for a blocker, "waits" for a waiter
 * @param ownRun the blocker holds up (or the waiter is) a session of this console's run
 */
public record BlockerRow(String who, long pid, String user, String app, String state, String waitingFor,
    String query, long ageMs, boolean blocker, boolean ownRun) {
  public String duration() {
    long s = ageMs / 1000;
    return s >= 60 ? s / 60 + " min " + s % 60 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
        ageMs / 1000.0);
  }
}
