package backstep.drill.load;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the workload committed: key → the value the database acknowledged last. A write is recorded only
 * after its commit returned. A write whose outcome is unknown (the connection broke before the answer came) is
 * kept as an <em>uncertain</em> value of its key: finding either value in the database afterwards is not a loss.
 * Each key is written by one client only, so the order of its writes is that client's order.
 */
public final class Journal {
  /** The last acknowledged value of a key, and values that may have committed without an acknowledgement. */
  public record Entry(long value, Set<Long> uncertain) {}

  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();

  void inserted(long key, long value) {
    entries.put(key, new Entry(value, Set.of()));
    inserts.incrementAndGet();
  }

  void updated(long key, long value) {
    entries.put(key, new Entry(value, Set.of()));
    updates.incrementAndGet();
  }

  /** An update that may or may not have committed. */
  void uncertain(long key, long value) {
    entries.computeIfPresent(key, (k, e) -> {
      java.util.HashSet<Long> u = new java.util.HashSet<>(e.uncertain());
      u.add(value);
      return new Entry(e.value(), Set.copyOf(u));
    });
  }

  /** A copy of the journal, key → entry. */
  public Map<Long, Entry> snapshot() {
    return Map.copyOf(entries);
  }

  public int keys() {
    return entries.size();
  }

  public long inserts() {
    return inserts.get();
  }

  public long updates() {
    return updates.get();
  }
}
