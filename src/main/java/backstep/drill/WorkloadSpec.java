package backstep.drill;

import java.util.Map;

/**
 * The synthetic load: {@code clients} threads, each on its own connection, sharing {@code rate} operations per
 * second (0: as fast as they can), in a mix of three operations: insert a new row into the write table (key and
 * value journaled once the commit returns), update the value of a row this client inserted, read a row by key.
 *
 * @param fill other columns an insert must set, as SQL literals ({@code status: "'new'"})
 */
public record WorkloadSpec(int clients, int rate, int readPct, int insertPct, int updatePct, String writeTable,
    String writeKey, String writeValue, Map<String, String> fill, String readTable, String readKey, long readKeys,
    java.time.Duration baseline) {

  public static final WorkloadSpec NONE = new WorkloadSpec(0, 0, 100, 0, 0, null, null, null, Map.of(), null, null,
      0, java.time.Duration.ZERO);

  public boolean writes() {
    return clients > 0 && writeTable != null && (insertPct + updatePct) > 0;
  }
}
