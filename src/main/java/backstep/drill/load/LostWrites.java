package backstep.drill.load;

import java.util.List;

/**
 * What the lost-write check found: how many journaled writes it checked, how many are not in the database as
 * written, and up to ten examples. {@code problem} explains a check that could not compare at all (a dropped
 * column: every journaled value in it counts as lost).
 */
public record LostWrites(String table, long checked, long lost, List<Example> examples, String method,
    String problem) {
  /** One lost write: the key, the value the workload committed, what the database has now (null: no row). */
  public record Example(long key, long expected, Long found) {
    public String describe() {
      return "key " + key + ": committed " + expected + ", now " + (found == null ? "missing" : found);
    }
  }

  public boolean none() {
    return lost == 0 && problem == null;
  }
}
