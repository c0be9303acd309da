package backstep.drill;

import backstep.traffic.TrafficProfile;
import java.util.List;
import java.util.Map;

/**
 * The load of a drill. Synthetic: {@code clients} threads, each on its own connection, sharing {@code rate}
 * operations per second (0: as fast as they can), in a mix of three operations: insert a new row into the write
 * table (key and value journaled once the commit returns), update the value of a row this client inserted, read a
 * row by key. Or a replayed traffic {@code profile}: its shapes in proportion to their calls, at {@code speed} times
 * the captured rate ({@code rate} is then that product, rounded; the mix fields hold its read share).
 *
 * @param fill other columns an insert must set, as SQL literals ({@code status: "'new'"})
 */
public record WorkloadSpec(int clients, int rate, int readPct, int insertPct, int updatePct, String writeTable,
    String writeKey, String writeValue, Map<String, String> fill, String readTable, String readKey, long readKeys,
    java.time.Duration baseline, TrafficProfile profile, double speed) {

  public static final WorkloadSpec NONE = new WorkloadSpec(0, 0, 100, 0, 0, null, null, null, Map.of(), null, null,
      0, java.time.Duration.ZERO);

  /** A synthetic workload. */
  public WorkloadSpec(int clients, int rate, int readPct, int insertPct, int updatePct, String writeTable,
      String writeKey, String writeValue, Map<String, String> fill, String readTable, String readKey, long readKeys,
      java.time.Duration baseline) {
    this(clients, rate, readPct, insertPct, updatePct, writeTable, writeKey, writeValue, fill, readTable, readKey,
        readKeys, baseline, null, 1.0);
  }

  /** A replay of {@code profile} at {@code speed} times its captured rate. */
  public static WorkloadSpec replay(TrafficProfile profile, double speed, int clients, java.time.Duration baseline) {
    int reads = (int) Math.round(profile.readShare() * 100);
    return new WorkloadSpec(clients, (int) Math.max(1, Math.round(profile.rate() * speed)), reads, 0, 100 - reads,
        null, null, null, Map.of(), null, null, 0, baseline, profile, speed);
  }

  /** Whether the workload journals its writes (the synthetic mix does; a replayed profile does not). */
  public boolean writes() {
    return clients > 0 && writeTable != null && (insertPct + updatePct) > 0;
  }

  /** The tables whose data the workload changes (a drill's restore check leaves their data out). */
  public List<String> writtenTables() {
    if (profile != null) {
      return profile.writtenTables().stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }
    return writeTable == null ? List.of() : List.of(writeTable);
  }
}
