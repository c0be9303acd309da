package backstep.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of targets from {@code targets.yaml}'s {@code groups:}: its members in order, the canary members (applied
 * first, wave 0), how many members a wave holds, how many run at once, and how many members may fail before the
 * whole fleet rolls back (0: the first failure does).
 */
public record FleetGroup(String name, List<String> members, List<String> canary, int waveSize, int concurrency,
    int failureBudget, String centralLedger) {
  public FleetGroup {
    members = List.copyOf(members);
    canary = List.copyOf(canary);
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
