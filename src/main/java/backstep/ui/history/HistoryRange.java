package backstep.ui.history;

/**
 * The part of a history the page's walks take, as the CLI's options choose it: {@code apply HISTORY --to V} stops
 * after {@code to}; {@code rehearse HISTORY --from A --to B} rehearses {@code from}..{@code to} (the migrations
 * before {@code from} applied as set-up); {@code rollback HISTORY --to V} keeps {@code keep} and everything before
 * it, undoing what is after it ({@code -1}: all of them). Indexes in apply order.
 */
public record HistoryRange(int from, int to, int keep) {
  /** The whole history of {@code size} migrations: what the walks take without options. */
  public static HistoryRange all(int size) {
    return new HistoryRange(0, Math.max(0, size - 1), -1);
  }

  /** Whether this is the whole history of {@code size} migrations. */
  public boolean whole(int size) {
    return equals(all(size));
  }

  /** This range fitted to a history of {@code size} migrations (indexes past its end come back inside). */
  public HistoryRange fit(int size) {
    int last = Math.max(0, size - 1);
    return new HistoryRange(Math.min(Math.max(0, from), last), Math.min(Math.max(0, to), last),
        Math.min(Math.max(-1, keep), last));
  }
}
