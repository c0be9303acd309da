package backstep.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of targets from {@code targets.yaml}'s {@code groups:}: its members in order, the canary members (applied
 * first, wave 0), how many members a wave holds, how many run at once, how many members may fail before the whole
 * fleet rolls back (0: the first failure does), and what happens between the canary and the first wave
 * ({@code hold}, null: nothing). A server group ({@code server} and {@code databases} set) has no members until
 * {@link #listed} gives it the databases found on the server; its canary names databases until then.
 */
public record FleetGroup(String name, List<String> members, List<String> canary, int waveSize, int concurrency,
    int failureBudget, String centralLedger, String server, String databases, CanaryHold hold) {
  public FleetGroup {
    members = List.copyOf(members);
    canary = List.copyOf(canary);
  }

  public FleetGroup(String name, List<String> members, List<String> canary, int waveSize, int concurrency,
      int failureBudget, String centralLedger) {
    this(name, members, canary, waveSize, concurrency, failureBudget, centralLedger, null, null, null);
  }

  /** Whether the members come from the databases on a server (listed when a fleet starts). */
  public boolean onServer() {
    return server != null;
  }

  /**
   * This server group with its members: {@code server/database} for each database found (in that order). Throws
   * when none was found or a canary database is not among them.
   */
  public FleetGroup listed(List<String> found) {
    if (found.isEmpty()) {
      throw new IllegalArgumentException("group '" + name + "': no database on server '" + server + "' matches '"
          + databases + "'");
    }
    List<String> missing = canary.stream().filter(c -> !found.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("group '" + name + "': canary database(s) " + String.join(", ", missing)
          + " not found on server '" + server + "' among the databases matching '" + databases + "'");
    }
    return new FleetGroup(name, found.stream().map(this::member).toList(), canary.stream().map(this::member)
        .toList(), waveSize, concurrency, failureBudget, centralLedger, server, databases, hold);
  }

  private String member(String database) {
    return server + "/" + database;
  }

  /** The members in the order they are applied: the canary first, then the others in their listed order. */
  public List<String> order() {
    List<String> out = new ArrayList<>(canary);
    members.stream().filter(m -> !canary.contains(m)).forEach(out::add);
    return out;
  }

  /** The wave of the member at {@code index} of {@link #order()}: 0 for the canary, then 1, 2, ... */
  public int wave(int index) {
    if (index < canary.size()) {
      return 0;
    }
    return 1 + (index - canary.size()) / waveSize;
  }
}
